package dev.workstation.reconcile;

import dev.workstation.account.Accounts;
import dev.workstation.account.UidMap;
import dev.workstation.host.Nss;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.plan.Desired;
import dev.workstation.plan.Note;
import dev.workstation.plan.Observed;
import dev.workstation.plan.Plan;
import dev.workstation.plan.Planners;
import dev.workstation.plan.Scope;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Roster;
import dev.workstation.secrets.Secrets;
import dev.workstation.secrets.VaultSecrets;
import dev.workstation.site.SiteConfig;
import dev.workstation.units.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
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
     * Nothing failed: no action, no user, no input was kept back (invalid managed settings, tiers
     * unchecked), and no untrusted or held roster change is pending (an admin must look at those).
     */
    public boolean ok() {
      return failed() == 0 && failedUsers.isEmpty() && keptBack().isEmpty() && !source.blocking();
    }

    /** The inputs this run could not act on (each an {@link Note.Level#ERROR} note). */
    public List<Note> keptBack() {
      return notes.stream().filter(n -> n.keptBack().isPresent()).toList();
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
    Desired desired = DesiredSource.of(site, configPath, intake, notes);
    List<AccountSpec> users = new ArrayList<>();
    for (AccountSpec a : desired.state().accounts().values()) {
      if (options.user().map(a.osUser()::equals).orElse(true)) {
        users.add(a);
      }
    }
    Scope scope = new Scope(users, options.user());

    UidMap uids = UidMap.load(site.stateDir());
    UserBudgets budgets = new UserBudgets(site.limits().userTimeout());
    Units units = HostEffects.systemd();
    Observed observed = new Observer(site, uids, budgets, units).observe(desired, scope, notes);
    Map<String, String> failedUsers = new TreeMap<>(observed.unobservable());
    Plan plan = Planners.plan(desired, observed, scope);
    notes.addAll(plan.notes());

    List<ActionReport> reports = List.of();
    List<FreshenReport> freshened = List.of();
    if (options.apply()) {
      CutRecords.markPending(
          site.stateDir(),
          observed.cuts().leavers(),
          observed.cuts().records().keySet()); // before acting: a crash mid-run still cuts them
      reports =
          Applier.apply(
              plan.actions(),
              new HostEffects(accounts, uids, site.stateDir(), units, secrets),
              log,
              new Applier.Lanes(site.limits().jobs(), budgets, progress));
      for (AccountSpec a : users) {
        if (budgets.exhausted(a.osUser())) {
          failedUsers.putIfAbsent(a.osUser(), budgets.exceeded());
        }
      }
      for (var account : observed.host().accounts().values()) {
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
                users.stream().filter(a -> !failedUsers.containsKey(a.osUser())).toList(),
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
        users,
        failedUsers,
        desired.state(),
        (System.nanoTime() - start) / 1_000_000,
        loaded.source());
  }
}
