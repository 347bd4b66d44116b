package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.plan.AddToGroups;
import dev.workstation.plan.CloneInfra;
import dev.workstation.plan.CloneRepo;
import dev.workstation.plan.CreateAccount;
import dev.workstation.plan.DeployLauncher;
import dev.workstation.plan.DisableUnit;
import dev.workstation.plan.EnableUnit;
import dev.workstation.plan.EnvFilePlanner;
import dev.workstation.plan.HoistRepo;
import dev.workstation.plan.LinkConfig;
import dev.workstation.plan.MigrateLayout;
import dev.workstation.plan.Owner;
import dev.workstation.plan.RootFile;
import dev.workstation.plan.SetGitIdentity;
import dev.workstation.plan.WireRemote;
import dev.workstation.plan.WriteFile;
import dev.workstation.plan.WriteGitCredentials;
import dev.workstation.plan.WriteKubeconfig;
import dev.workstation.reconcile.AdoptionReport.Finding;
import dev.workstation.reconcile.AdoptionReport.Flag;
import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns a plan (nothing applied) and what else the host shows into {@link AdoptionReport}: every
 * planned action appears once, under its user and facet, and a facet with nothing to do says so.
 * Pure.
 */
final class Adoption {
  /**
   * The host beyond the plan.
   *
   * @param shells os_user → shell, for the roster users that have an account
   * @param recordedPorts pool → os_user → the port in that pool's own file
   * @param strayPorts os_user → pool → where its key was found in a file the pool does not read
   * @param files root files' contents (env files, generated files), absent when missing
   * @param templates unit template file → where it is installed
   * @param unitsUnavailable why units were not looked at, or null
   */
  record Observed(
      Map<String, String> shells,
      Map<String, Map<String, Integer>> recordedPorts,
      Map<String, Map<String, String>> strayPorts,
      Map<String, Optional<String>> files,
      Map<String, Units.UnitState> units,
      Map<String, Optional<String>> templates,
      String unitsUnavailable) {}

  private final Reconciler.Result run;
  private final SiteConfig site;
  private final Observed seen;
  private final Set<Action> reported = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Finding> out = new ArrayList<>();
  private final boolean wholeRoster;

  private Adoption(Reconciler.Result run, SiteConfig site, Observed seen, boolean wholeRoster) {
    this.run = run;
    this.site = site;
    this.seen = seen;
    this.wholeRoster = wholeRoster;
  }

  /** {@code wholeRoster} is false under {@code --user}: the generated files are not planned. */
  static AdoptionReport report(
      Reconciler.Result run, SiteConfig site, Observed seen, boolean wholeRoster) {
    Adoption a = new Adoption(run, site, seen, wholeRoster);
    for (AccountSpec u : run.accounts()) {
      a.account(u);
      if (site.unitsConfigured()) {
        a.ports(u.osUser());
        a.units(u);
      }
      a.home(u.osUser());
    }
    a.host();
    for (Action act : run.plan().actions()) {
      if (!a.reported.contains(act)) {
        a.out.add(Finding.change(act.owner().label(), act.kind(), act.describe()));
      }
    }
    return new AdoptionReport(run.rosterOrigin(), a.out, run.notes());
  }

  private <T extends Action> List<T> actions(String user, Class<T> type) {
    return actions(user, type, a -> true);
  }

  private <T extends Action> List<T> actions(String user, Class<T> type, Predicate<T> mine) {
    return actions(o -> o.is(user), type, mine);
  }

  /**
   * The actions of {@code type} whose owner {@code whose} takes and {@code mine} claims, marked
   * reported.
   */
  private <T extends Action> List<T> actions(
      Predicate<Owner> whose, Class<T> type, Predicate<T> mine) {
    List<T> found = new ArrayList<>();
    for (Action a : run.plan().actions()) {
      if (whose.test(a.owner()) && type.isInstance(a) && mine.test(type.cast(a))) {
        found.add(type.cast(a));
        reported.add(a);
      }
    }
    return found;
  }

  private void account(AccountSpec u) {
    String user = u.osUser();
    List<CreateAccount> create = actions(user, CreateAccount.class);
    String shell = seen.shells().get(user);
    if (!create.isEmpty()) {
      out.add(Finding.change(user, "account", create.get(0).describe()));
    } else if (shell == null) {
      out.add(Finding.same(user, "account", "no account, and none planned (see the warnings)"));
    } else {
      out.add(Finding.same(user, "account", "exists"));
      out.add(
          Finding.same(
              user,
              "shell",
              shell
                  + " (an existing account's shell is never changed"
                  + (shell.equals(u.shell()) ? ")" : "; new accounts get " + u.shell() + ")")));
    }
    List<AddToGroups> groups = actions(user, AddToGroups.class);
    if (groups.isEmpty()) {
      out.add(Finding.same(user, "groups", "nothing to add (groups are never removed)"));
    }
    groups.forEach(g -> out.add(Finding.change(user, "groups", g.describe())));
  }

  private void ports(String user) {
    out.addAll(AdoptedPorts.findings(user, site, run.desired(), seen));
    List<RootFile> files = EnvFilePlanner.files(run.desired(), site, user);
    Set<Path> paths = files.stream().map(RootFile::path).collect(Collectors.toSet());
    // only the env files' writes: another facet's root file is reported as a plain change
    List<WriteFile> writes = actions(user, WriteFile.class, w -> paths.contains(w.path()));
    for (RootFile f : files) {
      boolean planned = writes.stream().anyMatch(w -> w.path().equals(f.path()));
      Optional<String> now = seen.files().getOrDefault(f.path().toString(), Optional.empty());
      String edit = f.content().against(now).map(RootFile.Change::why).orElse("");
      out.add(
          planned
              ? Finding.change(
                  user, "env file", f.path() + ": " + edit + "; other lines kept byte for byte")
              : Finding.same(user, "env file", f.path() + ": unchanged"));
    }
  }

  private void units(AccountSpec u) {
    String user = u.osUser();
    List<EnableUnit> enable = actions(user, EnableUnit.class);
    List<DisableUnit> disable = actions(user, DisableUnit.class);
    for (UnitTemplate t : site.units().perUser()) {
      String unit = t.instance(user);
      Optional<EnableUnit> en = enable.stream().filter(a -> a.unit().equals(unit)).findFirst();
      Optional<DisableUnit> dis = disable.stream().filter(a -> a.unit().equals(unit)).findFirst();
      if (en.isPresent() || dis.isPresent()) {
        String what = en.map(EnableUnit::describe).orElseGet(() -> dis.get().describe());
        out.add(Finding.flagged(user, "unit", Flag.CHANGES_UNIT, what));
      } else if (seen.unitsUnavailable() != null) {
        out.add(
            Finding.same(user, "unit", unit + ": not checked (" + seen.unitsUnavailable() + ")"));
      } else if (seen.templates().getOrDefault(t.file(), Optional.empty()).isEmpty()) {
        out.add(
            Finding.flagged(
                user,
                "unit",
                Flag.CHANGES_UNIT,
                unit + ": cannot be enabled, " + t.file() + " is not installed"));
      } else {
        out.add(
            Finding.same(user, "unit", unit + (u.parked() ? " disabled (parked)" : " enabled")));
      }
    }
  }

  private void home(String user) {
    List<Action> touches = new ArrayList<>();
    for (Class<? extends Action> kind :
        List.of(
            MigrateLayout.class,
            HoistRepo.class,
            CloneInfra.class,
            WireRemote.class,
            CloneRepo.class,
            LinkConfig.class,
            DeployLauncher.class,
            WriteKubeconfig.class,
            WriteGitCredentials.class,
            SetGitIdentity.class)) {
      touches.addAll(actions(user, kind));
    }
    if (touches.isEmpty()) {
      out.add(Finding.same(user, "home", "nothing to do in the home"));
    }
    touches.forEach(a -> out.add(Finding.flagged(user, "home", Flag.TOUCHES_HOME, a.describe())));
  }

  private void host() {
    List<WriteFile> writes = actions(o -> o instanceof Owner.Machine, WriteFile.class, w -> true);
    out.addAll(AdoptedHost.findings(site, run.desired(), seen, writes, wholeRoster));
  }
}
