package dev.workstation.reconcile;

import dev.workstation.account.UidMap;
import dev.workstation.git.FreshenOutcome;
import dev.workstation.plan.Observed;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.plan.Plan;
import dev.workstation.plan.Scope;
import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The applying half of a reconcile, step by step: leavers marked pending, the plan applied, users
 * out of budget named, uids and the applied roster recorded, and the clones freshened.
 */
final class RunApply {
  private final SiteConfig site;
  private final Ports ports;
  private final UidMap uids;
  private final UserBudgets budgets;
  private final Progress progress;

  RunApply(SiteConfig site, Ports ports, UidMap uids, UserBudgets budgets, Progress progress) {
    this.site = site;
    this.ports = ports;
    this.uids = uids;
    this.budgets = budgets;
    this.progress = progress;
  }

  /**
   * What applying did.
   *
   * @param failedUsers users the run could not finish for, with why (unobservable homes included)
   */
  record Applied(
      List<ActionReport> reports, List<FreshenReport> freshened, Map<String, String> failedUsers) {

    /** A plan-only run: nothing applied; the users whose home could not be observed. */
    static Applied nothing(Observed observed) {
      return new Applied(List.of(), List.of(), new TreeMap<>(observed.unobservable()));
    }
  }

  Applied apply(
      RosterLoader.Loaded loaded,
      Scope scope,
      Observed observed,
      Plan plan,
      HostEffects.Vault vault,
      boolean freshen,
      Consumer<ActionReport> log)
      throws IOException {
    Map<String, String> failedUsers = new TreeMap<>(observed.unobservable());
    // before acting: a crash mid-run still cuts them
    CutRecords.markPending(
        site.stateDir(), observed.cuts().leavers(), observed.cuts().records().keySet());
    PendingReload.mark(site.stateDir(), plan);
    List<ActionReport> reports = applyPlan(plan, vault, log);
    PendingReload.settle(site.stateDir(), reports);
    outOfBudget(scope, failedUsers);
    adoptUids(observed);
    if (scope.wholeRoster()) {
      recordApplied(loaded);
    }
    List<FreshenReport> freshened = freshen ? freshen(scope, failedUsers) : List.of();
    return new Applied(reports, freshened, failedUsers);
  }

  private List<ActionReport> applyPlan(
      Plan plan, HostEffects.Vault vault, Consumer<ActionReport> log) {
    return Applier.apply(
        plan.actions(),
        new HostEffects(ports, uids, site.stateDir(), vault),
        // each report logged, then passed as a checkpoint (where crash tests halt)
        log.andThen(rep -> ports.checkpoints().passed(rep.action().kind())),
        new Applier.Lanes(site.limits().jobs(), budgets, progress));
  }

  /** Users whose budget ran out: the run failed for them, and went on for everyone else. */
  private void outOfBudget(Scope scope, Map<String, String> failedUsers) {
    for (AccountSpec a : scope.users()) {
      if (budgets.exhausted(a.osUser())) {
        failedUsers.putIfAbsent(a.osUser(), budgets.exceeded());
      }
    }
  }

  /** Existing accounts' uids are adopted into the uid map (a no-op when already known). */
  private void adoptUids(Observed observed) throws IOException {
    for (ObservedAccount account : observed.host().accounts().values()) {
      uids.record(account.name(), account.uid());
    }
  }

  /** The roster this whole-roster run applied: what the next run's cuts are computed against. */
  private void recordApplied(RosterLoader.Loaded loaded) throws IOException {
    new AppliedRoster(site.stateDir())
        .write(
            new AppliedRoster.Snapshot(
                loaded.origin(),
                loaded.bytes(),
                loaded.source().commit(),
                loaded.source().trust() == SourceReport.Trust.VERIFIED));
  }

  /** Freshens every user the run did not fail for; a hung remote or home fails that user. */
  private List<FreshenReport> freshen(Scope scope, Map<String, String> failedUsers) {
    List<FreshenReport> freshened =
        FreshenRunner.run(
            scope.users().stream().filter(a -> !failedUsers.containsKey(a.osUser())).toList(),
            site,
            budgets,
            progress);
    for (FreshenReport f : freshened) {
      if (f.wholeUser() || f.outcome() == FreshenOutcome.TIMED_OUT) {
        failedUsers.putIfAbsent(f.user(), "freshen " + f.repo() + ": " + f.outcome().text());
      }
    }
    return freshened;
  }
}
