package dev.workstation.reconcile;

import dev.workstation.account.UidMap;
import dev.workstation.host.Nss;
import dev.workstation.plan.ClaudeAuthFacts;
import dev.workstation.plan.CutFacts;
import dev.workstation.plan.CutPlanner;
import dev.workstation.plan.CutState;
import dev.workstation.plan.Desired;
import dev.workstation.plan.HostSnapshot;
import dev.workstation.plan.Note;
import dev.workstation.plan.Observed;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.plan.Planners;
import dev.workstation.plan.RootFile;
import dev.workstation.plan.Scope;
import dev.workstation.plan.SurfaceFacts;
import dev.workstation.plan.Uids;
import dev.workstation.plan.UserUnit;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Roster;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.Units;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Observes the host once per run into an {@link Observed}: accounts (NSS), each home (through its
 * worker, as the user), root-owned files, systemd units, cut records and the users' Claude-login
 * tokens ({@link ClaudeAuthObserver}). Every host read a planner depends on happens here, so
 * planning itself touches nothing.
 */
final class Observer {
  private final SiteConfig site;
  private final UidMap uids;
  private final UserBudgets budgets;
  private final Units units;
  private final Ports ports;
  private final RootTokens tokens;

  Observer(SiteConfig site, UidMap uids, UserBudgets budgets, Ports ports, RootTokens tokens) {
    this.site = site;
    this.uids = uids;
    this.budgets = budgets;
    this.units = ports.units();
    this.ports = ports;
    this.tokens = tokens;
  }

  /** Observes what {@code scope} needs; notes about the applied roster go to {@code notes}. */
  Observed observe(Desired desired, Scope scope, List<Note> notes) throws IOException {
    HostSnapshot host = HostObserver.observe(site, scope.users(), uids);
    Uids settled = Uids.settle(host); // before anything names a uid-keyed path
    CodeObserver.Observed homes =
        CodeObserver.observe(
            scope.users(),
            host.accounts(),
            site.stateDir(),
            site.limits().jobs(),
            budgets,
            ports.worker(),
            u -> inspectRequest(desired, u));
    RootFiles files =
        RootFiles.read(
            Planners.rootFiles(desired, scope, settled).stream().map(RootFile::path).toList());
    CutFacts cuts = cuts(desired.roster(), notes);
    Set<String> unitUsers = new HashSet<>(cuts.accounts());
    scope.users().forEach(a -> unitUsers.add(a.osUser()));
    SurfaceFacts surface =
        new SurfaceFacts(
            files.contents,
            files.blocked,
            units.available() ? unitStates(desired, unitUsers) : Map.of(),
            units.unavailableReason(),
            units.runtimeKnown());
    if (units.available() && units.runtimeKnown()) {
      surface = surface.withCollisions(collisions(desired, scope, host, notes));
    }
    ClaudeAuthFacts claude = new ClaudeAuthObserver(site, tokens).observe(scope, host);
    return new Observed(host, settled, homes.facts(), homes.failures(), surface, cuts, claude);
  }

  /**
   * What of their own stands in the way of the per-user units (SPEC §6.7) each account in scope is
   * to run: every facet's declared units its gate lets through.
   */
  private Map<String, String> collisions(
      Desired desired, Scope scope, HostSnapshot host, List<Note> notes) throws IOException {
    List<UserUnit> declared = Planners.userUnits(desired);
    Map<ObservedAccount, List<UnitTemplate>> running = new LinkedHashMap<>();
    for (AccountSpec a : scope.users()) {
      ObservedAccount account = host.accounts().get(a.osUser());
      List<UnitTemplate> on =
          declared.stream().filter(u -> u.gate().off(a).isEmpty()).map(UserUnit::template).toList();
      if (account != null && !on.isEmpty()) {
        running.put(account, on);
      }
    }
    return running.isEmpty()
        ? Map.of()
        : new UnitCollisions(site, units).observe(running, desired.state(), notes);
  }

  /** Leavers since the applied roster, the cut records, and which of them still have accounts. */
  private CutFacts cuts(Roster roster, List<Note> notes) throws IOException {
    Optional<Roster> applied = CutRecords.appliedRoster(site.stateDir(), notes);
    List<String> leavers = CutPlanner.leavers(applied, roster, notes);
    Map<String, CutState> records = CutRecords.states(site.stateDir());
    Set<String> candidates = new HashSet<>(leavers);
    candidates.addAll(records.keySet());
    Set<String> existing = new HashSet<>();
    for (String u : candidates) {
      if (Nss.user(u).isPresent()) {
        existing.add(u);
      }
    }
    return new CutFacts(leavers, records, existing);
  }

  /** Every facet's units of {@code users} (in scope, or being cut), as systemd has them. */
  private Map<String, Units.UnitState> unitStates(Desired desired, Set<String> users) {
    List<String> names = UserUnit.names(Planners.userUnits(desired), new TreeSet<>(users));
    return names.isEmpty() ? Map.of() : units.states(names);
  }

  /**
   * What each worker's inspect reports: the user's repos, and links (dry run), launcher,
   * kubeconfig, git identity — asked about the very content {@code desired} holds, so observing and
   * planning cannot drift.
   */
  private WorkerRequest.Inspect inspectRequest(Desired desired, AccountSpec u) {
    return new WorkerRequest.Inspect(
        u.repos(),
        site.configBase()
            .map(
                b ->
                    new WorkerRequest.LinkSpec(
                        b.dir().toString(),
                        b.kinds(),
                        b.strategy() == SiteConfig.LinkStrategy.DIRECTORY)),
        desired.launcher(),
        desired.kubeconfig(u),
        desired.credentialsHost());
  }
}
