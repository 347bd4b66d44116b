package dev.workstation.reconcile;

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
import dev.workstation.secrets.Secrets;
import dev.workstation.secrets.VaultSecrets;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
   * @param observed the host as the run saw it before planning: what {@code plan --diff} and {@code
   *     adopt --check} show the plan against
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
      SourceReport source,
      Observed observed) {

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
  private final Ports ports;

  private Progress progress = Progress.NONE;

  public Reconciler(SiteConfig site, Path configPath, Ports ports) {
    this.site = site;
    this.configPath = configPath;
    this.ports = ports;
  }

  /** Who watches the long phases (apply, freshen) of the runs of this reconciler. */
  public Reconciler progress(Progress p) {
    this.progress = p;
    return this;
  }

  /**
   * One run: take the roster, validate tiers, derive what is wanted, observe the host, plan, and —
   * when asked — apply and freshen.
   */
  public Result run(Options options, Consumer<ActionReport> log) throws IOException {
    long start = System.nanoTime();
    RosterIntake.Intake intake =
        RosterIntake.take(site, configPath, options.rosterFile(), options.allowCuts());
    List<Note> notes = new ArrayList<>(intake.notes());
    Secrets secrets = secrets();
    // before any change: a tier mismatch aborts the run
    TierValidation.validate(site, intake.roster(), intake.loaded().file(), secrets, notes);
    refuseScope(options, intake);
    Desired desired = DesiredSource.of(site, configPath, intake, notes);
    Scope scope = scope(desired, options.user());
    UidMap uids = UidMap.load(site.stateDir());
    UserBudgets budgets = new UserBudgets(site.limits().userTimeout());
    RootTokens tokens = new RootTokens(site);
    Observed observed =
        new Observer(site, uids, budgets, ports, tokens).observe(desired, scope, notes);
    Plan plan = PendingReload.add(site.stateDir(), Planners.plan(desired, observed, scope));
    notes.addAll(plan.notes());
    notes.addAll(Overcommit.warnings(site, desired.state().accounts().values()));
    RunApply.Applied applied =
        options.apply()
            ? new RunApply(site, ports, uids, budgets, progress)
                .apply(
                    intake.loaded(),
                    scope,
                    observed,
                    plan,
                    new HostEffects.Vault(secrets, tokens),
                    options.freshen(),
                    log)
            : RunApply.Applied.nothing(observed);
    return new Result(
        intake.loaded().origin(),
        plan,
        notes,
        applied.reports(),
        applied.freshened(),
        scope.users(),
        applied.failedUsers(),
        desired.state(),
        (System.nanoTime() - start) / 1_000_000,
        intake.loaded().source(),
        observed);
  }

  /** Vault when the site has a {@code vault:} section; else every read says there is none. */
  private Secrets secrets() {
    return site.vault()
        .<Secrets>map(VaultSecrets::new)
        .orElse(
            (m, p, f) -> {
              throw new Secrets.SecretsException("no vault: section in the site config", false);
            });
  }

  /** {@code --user} must name a roster user, and only root may apply. */
  private static void refuseScope(Options options, RosterIntake.Intake intake) {
    if (options.user().isPresent() && intake.roster().user(options.user().get()).isEmpty()) {
      throw new InvalidInputException(
          Problem.whole(
              "command line",
              "--user",
              "'"
                  + options.user().get()
                  + "' is not on the roster ("
                  + intake.loaded().origin()
                  + ")"));
    }
    if (options.apply() && !Nss.isRoot()) {
      throw new RunFailedException(
          "reconcile changes accounts and homes and must run as root (try: sudo workstation reconcile)");
    }
  }

  /** Every roster account, or the one {@code --user} names. */
  private static Scope scope(Desired desired, Optional<String> user) {
    List<AccountSpec> users = new ArrayList<>();
    for (AccountSpec a : desired.state().accounts().values()) {
      if (user.map(a.osUser()::equals).orElse(true)) {
        users.add(a);
      }
    }
    return new Scope(users, user);
  }
}
