package dev.workstation.reconcile;

import dev.workstation.account.Accounts;
import dev.workstation.account.UidMap;
import dev.workstation.host.Nss;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.plan.AccountPlanner;
import dev.workstation.plan.CodeFacts;
import dev.workstation.plan.CodePlanner;
import dev.workstation.plan.ConfigPlanner;
import dev.workstation.plan.CutPlanner;
import dev.workstation.plan.HostSnapshot;
import dev.workstation.plan.IdentityPlanner;
import dev.workstation.plan.Note;
import dev.workstation.plan.Plan;
import dev.workstation.plan.SurfaceFacts;
import dev.workstation.plan.SurfacePlanner;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Deriver;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.PortFiles;
import dev.workstation.roster.Roster;
import dev.workstation.secrets.Secrets;
import dev.workstation.secrets.VaultSecrets;
import dev.workstation.site.SiteConfig;
import dev.workstation.units.Units;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine shared by {@code plan} and {@code reconcile}: source → validate → observe → plan →
 * apply. Planning is pure; only {@link Applier} touches the host, and only when asked to.
 */
public final class Reconciler {

  /**
   * What a run was asked to do.
   *
   * @param allowCuts {@code reconcile --allow-cuts N}: lets a roster that cuts up to N users
   *     through
   */
  public record Options(
      Optional<Path> rosterFile,
      Optional<String> user,
      boolean apply,
      boolean freshen,
      OptionalInt allowCuts) {
    public Options(
        Optional<Path> rosterFile, Optional<String> user, boolean apply, boolean freshen) {
      this(rosterFile, user, apply, freshen, OptionalInt.empty());
    }
  }

  /**
   * What a run did (or would do).
   *
   * @param failedUsers users whose home could not be observed, or whose work ran out of its budget
   *     ({@code limits.user_timeout}), with why: the run went on for everyone else, and exits 1
   */
  public record Result(
      String rosterOrigin,
      Plan plan,
      List<Note> notes,
      List<ActionReport> reports,
      List<FreshenReport> freshened,
      List<AccountSpec> accounts,
      Map<String, String> failedUsers,
      DesiredState desired,
      long millis,
      SourceReport source) {

    /**
     * Nothing failed: no action, no user, and no untrusted or held roster change is pending (an
     * admin must look at those).
     */
    public boolean ok() {
      return failed() == 0 && failedUsers.isEmpty() && !source.blocking();
    }

    public long failed() {
      return reports.stream().filter(r -> r.outcome() instanceof Outcome.Failed).count();
    }

    public long applied() {
      return reports.stream().filter(r -> r.outcome() instanceof Outcome.Applied).count();
    }

    public long skipped() {
      return reports.stream().filter(r -> r.outcome() instanceof Outcome.Skipped).count();
    }
  }

  private final SiteConfig site;
  private final Path configPath;
  private final Accounts accounts;

  private Progress progress = Progress.NONE;

  public Reconciler(SiteConfig site, Path configPath, Accounts accounts) {
    this.site = site;
    this.configPath = configPath;
    this.accounts = accounts;
  }

  /** Who watches the long phases (apply, freshen) of the runs of this reconciler. */
  public Reconciler progress(Progress p) {
    this.progress = p;
    return this;
  }

  private Optional<String> readLauncher(List<Note> notes) {
    if (site.launcher().isEmpty()) {
      return Optional.empty();
    }
    Path source = site.launcher().get().source();
    try {
      return Optional.of(
          java.nio.file.Files.readString(source, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      notes.add(
          Note.warn(
              "-",
              "launcher.source "
                  + source
                  + " cannot be read ("
                  + e.getMessage()
                  + "); launchers not deployed"));
      return Optional.empty();
    }
  }

  /**
   * What each worker's inspect reports: the user's repos, and links (dry run), launcher,
   * kubeconfig, git identity.
   */
  private WorkerRequest.Inspect inspectRequest(
      AccountSpec u, Optional<String> launcher, Optional<String> caData) {
    Optional<String> credentialsHost =
        site.repos()
            .map(r -> java.net.URI.create(r.baseUrl()))
            .filter(b -> b.getHost() != null)
            .map(b -> b.getPort() > 0 ? b.getHost() + ":" + b.getPort() : b.getHost());
    Optional<WorkerRequest.LinkSpec> links =
        site.configBase()
            .map(
                b ->
                    new WorkerRequest.LinkSpec(
                        b.dir().toString(),
                        b.kinds(),
                        b.strategy() == SiteConfig.LinkStrategy.DIRECTORY));
    return new WorkerRequest.Inspect(
        u.repos(),
        links,
        launcher,
        caData.map(ca -> dev.workstation.kube.Kubeconfig.render(u, site.kube().get(), ca)),
        credentialsHost);
  }

  /** The configured units of {@code users} (in scope, or being cut), as systemd has them. */
  private static Map<String, Units.UnitState> unitStates(
      Units units, SiteConfig site, Set<String> users) {
    List<String> names = SurfacePlanner.unitNames(site, new java.util.TreeSet<>(users));
    return names.isEmpty() ? Map.of() : units.states(names);
  }

  private static Set<String> unitUsers(List<AccountSpec> scope, Set<String> cutting) {
    Set<String> out = new HashSet<>(cutting);
    scope.forEach(a -> out.add(a.osUser()));
    return out;
  }

  public Result run(Options options, Consumer<ActionReport> log) throws IOException {
    long start = System.nanoTime();
    RosterIntake.Intake intake =
        RosterIntake.take(site, configPath, options.rosterFile(), options.allowCuts());
    RosterLoader.Loaded loaded = intake.loaded(); // trusted, valid, within the blast radius
    Roster roster = intake.roster();
    List<Note> notes = new ArrayList<>(intake.notes());

    Secrets secrets =
        site.vault()
            .<Secrets>map(VaultSecrets::new)
            .orElse(
                (m, p, f) -> {
                  throw new Secrets.SecretsException("no vault: section in the site config", false);
                });
    TierValidation.validate(
        site,
        roster,
        loaded.file(),
        secrets,
        notes); // before any change: a mismatch aborts the run

    if (options.user().isPresent() && roster.user(options.user().get()).isEmpty()) {
      throw new InvalidInputException(
          Problem.whole(
              "command line",
              "--user",
              "'" + options.user().get() + "' is not on the roster (" + loaded.origin() + ")"));
    }
    if (options.apply() && !Nss.isRoot()) {
      throw new RunFailedException(
          "reconcile changes accounts and homes and must run as root (try: sudo workstation reconcile)");
    }
    Map<String, Map<String, Integer>> ports =
        PortFiles.read(
            site.units().envDir(), roster.users().keySet(), site.units().portPools().values());
    DesiredState desired = Deriver.derive(roster, site, ports);
    List<AccountSpec> scope = new ArrayList<>();
    for (AccountSpec a : desired.accounts().values()) {
      if (options.user().map(a.osUser()::equals).orElse(true)) {
        scope.add(a);
      }
    }

    UidMap uids = UidMap.load(site.stateDir());
    UserBudgets budgets = new UserBudgets(site.limits().userTimeout());
    HostSnapshot host = HostObserver.observe(site, scope, uids);
    Optional<String> launcher = readLauncher(notes);
    Optional<String> caData =
        site.kube().isPresent()
            ? Optional.of(dev.workstation.kube.ClusterCa.of(site.kube().get(), configPath))
            : Optional.empty();
    CodeObserver.Observed observed =
        CodeObserver.observe(
            scope,
            host.accounts(),
            site.stateDir(),
            site.limits().jobs(),
            budgets,
            u -> inspectRequest(u, launcher, caData));
    Map<String, CodeFacts> code = observed.facts();
    Map<String, String> failedUsers = new java.util.TreeMap<>(observed.failures());
    // a home that could not be observed gets no home actions this run: planning it blind could
    // clone over what is there
    List<AccountSpec> observable =
        scope.stream().filter(a -> !failedUsers.containsKey(a.osUser())).toList();
    Set<String> creating = new HashSet<>();
    for (AccountSpec a : scope) {
      if (!host.accounts().containsKey(a.osUser())) {
        creating.add(a.osUser());
      }
    }
    List<Path> rootPaths = new ArrayList<>(SurfacePlanner.files(site, scope));
    rootPaths.add(ConfigPlanner.SKEL_LAUNCHER);
    rootPaths.add(ConfigPlanner.SKEL_CLAUDE);
    site.managedSettings().ifPresent(m -> rootPaths.add(m.dest()));
    RootFiles files = RootFiles.read(rootPaths);
    Optional<Roster> applied = CutRecords.appliedRoster(site.stateDir(), notes);
    List<String> leavers = CutPlanner.leavers(applied, roster, notes);
    Map<String, String> cuts = CutRecords.read(site.stateDir());
    Set<String> cutCandidates = new HashSet<>(leavers);
    cutCandidates.addAll(cuts.keySet());
    Set<String> existing = new HashSet<>();
    for (String u : cutCandidates) {
      if (Nss.user(u).isPresent()) {
        existing.add(u);
      }
    }
    Units units = HostEffects.systemd();
    SurfaceFacts surface =
        new SurfaceFacts(
            files.contents,
            files.blocked,
            site.unitsConfigured() && units.available()
                ? unitStates(units, site, unitUsers(scope, existing))
                : Map.of(),
            units.unavailableReason(),
            System.getenv("WORKSTATION_SYSTEMCTL_ROOT") == null);
    ConfigPlanner.Inputs configIn =
        new ConfigPlanner.Inputs(
            launcher, loaded.managedSettings(), loaded.managedSettingsName(), files.contents);
    Plan plan =
        ConfigPlanner.planMachine(site, configIn)
            .and(AccountPlanner.plan(scope, host))
            .and(IdentityPlanner.plan(observable, roster.users(), code, creating, site, caData))
            .and(CodePlanner.plan(observable, code, creating, site))
            .and(ConfigPlanner.planUsers(observable, code, creating, site, configIn))
            .and(SurfacePlanner.plan(desired, scope, surface, site, options.user().isEmpty()))
            .and(
                CutPlanner.plan(
                    roster,
                    leavers,
                    cuts,
                    existing,
                    options.user(),
                    site,
                    surface.units(),
                    surface.unitsUnavailable() == null));
    notes.addAll(plan.notes());

    List<ActionReport> reports = List.of();
    List<FreshenReport> freshened = List.of();
    if (options.apply()) {
      CutRecords.markPending(
          site.stateDir(),
          leavers,
          cuts.keySet()); // before acting: a crash mid-run still cuts them next time
      reports =
          Applier.apply(
              plan.actions(),
              new HostEffects(accounts, uids, site.stateDir(), units, secrets),
              log,
              new Applier.Lanes(site.limits().jobs(), budgets, progress));
      for (AccountSpec a : scope) {
        if (budgets.exhausted(a.osUser())) {
          failedUsers.putIfAbsent(a.osUser(), budgets.exceeded());
        }
      }
      for (var account : host.accounts().values()) {
        uids.record(
            account.name(), account.uid()); // adopt existing accounts' uids; no-op when known
      }
      if (options.user().isEmpty()) {
        new AppliedRoster(site.stateDir())
            .write(
                new AppliedRoster.Snapshot(
                    loaded.origin(),
                    loaded.bytes(),
                    loaded.source().commit(),
                    loaded.source().trust() == SourceReport.Trust.VERIFIED));
      }
      if (options.freshen()) {
        freshened =
            FreshenRunner.run(
                scope.stream().filter(a -> !failedUsers.containsKey(a.osUser())).toList(),
                site,
                budgets,
                progress);
        for (FreshenReport f : freshened) {
          if (f.repo().equals("*")
              || f.outcome()
                  == dev.workstation.git.FreshenOutcome.TIMED_OUT) { // a hung remote or home
            failedUsers.putIfAbsent(f.user(), "freshen " + f.repo() + ": " + f.outcome().text());
          }
        }
      }
    }
    return new Result(
        loaded.origin(),
        plan,
        notes,
        reports,
        freshened,
        scope,
        failedUsers,
        desired,
        (System.nanoTime() - start) / 1_000_000,
        loaded.source());
  }
}
