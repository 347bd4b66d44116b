package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.plan.ActionKey;
import dev.workstation.plan.DeferredException;
import dev.workstation.plan.Effects;
import dev.workstation.plan.Owner;
import dev.workstation.util.Deadline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Applies a plan and returns a report, never the first exception.
 *
 * <ul>
 *   <li>Machine-wide steps run by their phase ({@link Owner.Machine}): {@code BEFORE} ones first,
 *       in plan order; {@code AFTER} ones (the generated maps) once every user's lane is done, so
 *       they follow the accounts.
 *   <li>Each user's actions run in their own lane, in plan order, {@code jobs} lanes at a time,
 *       within the user's budget ({@link UserBudgets}): one user's hung home delays only that user.
 *   <li>An action whose dependency did not apply is skipped and says why; when a user's budget runs
 *       out, the rest of their lane is skipped with that reason.
 * </ul>
 */
public final class Applier {
  private Applier() {}

  /** Settings of one apply: lanes at a time, each user's budget, and who watches. */
  record Lanes(int jobs, UserBudgets budgets, Progress progress) {
    Lanes(int jobs, UserBudgets budgets) {
      this(jobs, budgets, Progress.NONE);
    }
  }

  public static List<ActionReport> apply(
      List<Action> actions, Effects fx, Consumer<ActionReport> log, Lanes lanes) {
    ActionReport[] reports = new ActionReport[actions.size()];
    List<Integer> before = new ArrayList<>();
    List<Integer> after = new ArrayList<>();
    Map<String, List<Integer>> byUser = new LinkedHashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      Owner owner = actions.get(i).owner();
      if (owner instanceof Owner.User u) {
        byUser.computeIfAbsent(u.name(), k -> new ArrayList<>()).add(i);
      } else if (owner instanceof Owner.Machine m) {
        (m.phase() == Owner.Phase.BEFORE ? before : after).add(i);
      }
    }
    Set<ActionKey> globalNotApplied = new HashSet<>();
    runLane(actions, before, fx, log, reports, globalNotApplied, null, null);
    lanes.progress().begin("apply", byUser.size());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, lanes.jobs()), daemon());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (var lane : byUser.entrySet()) {
        String user = lane.getKey();
        running.add(
            pool.submit(
                () -> {
                  long started = System.nanoTime();
                  Deadline deadline = lanes.budgets().start(user);
                  try {
                    runLane(
                        actions,
                        lane.getValue(),
                        fx.within(deadline),
                        log,
                        reports,
                        new HashSet<>(globalNotApplied),
                        deadline,
                        lanes.budgets().exceeded());
                  } finally {
                    lanes.budgets().spent(user, started);
                    lanes.progress().done(user);
                  }
                }));
      }
      for (Future<?> f : running) {
        awaitLane(f, lanes.budgets());
      }
    } finally {
      pool.shutdownNow();
    }
    // a lane that overran its deadline (a stuck root-side command) is reported, not waited for
    for (var lane : byUser.values()) {
      for (int i : lane) {
        if (reports[i] == null) {
          reports[i] = skipped(actions.get(i), lanes.budgets().exceeded(), log);
        }
      }
    }
    runLane(actions, after, fx, log, reports, globalNotApplied, null, null);
    return Arrays.asList(reports);
  }

  private static void awaitLane(Future<?> f, UserBudgets budgets) {
    try {
      // every worker call inside is bounded by the deadline; the margin covers root-side steps
      f.get(budgets.limit().toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      f.cancel(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // runLane records every action's outcome itself; nothing escapes it but an Error
    }
  }

  /** Applies {@code indexes} of {@code actions} in order (one user's lane, or a global phase). */
  private static void runLane(
      List<Action> actions,
      List<Integer> indexes,
      Effects fx,
      Consumer<ActionReport> log,
      ActionReport[] reports,
      Set<ActionKey> notApplied,
      Deadline deadline,
      String deadlineReason) {
    // crash tests: WORKSTATION_FAULT=after:<kind> halts the process (like kill -9) right after the
    // first action of that kind has been applied; the next run must converge from there
    String fault =
        fx.fault() != null && fx.fault().startsWith("after:") ? fx.fault().substring(6) : null;
    for (int i : indexes) {
      Action action = actions.get(i);
      long start = System.nanoTime();
      Outcome outcome;
      ActionKey blocker =
          action.dependsOn().stream().filter(notApplied::contains).findFirst().orElse(null);
      if (deadline != null && deadline.expired()) {
        outcome = new Outcome.Skipped(deadlineReason);
      } else if (blocker != null) {
        outcome = new Outcome.Skipped("depends on " + blocker + ", which did not apply");
      } else {
        try {
          action.apply(fx);
          outcome = new Outcome.Applied();
        } catch (DeferredException e) {
          outcome = new Outcome.Deferred(e.getMessage());
        } catch (Exception e) {
          outcome = new Outcome.Failed(message(e));
        }
      }
      if (!(outcome instanceof Outcome.Applied)) {
        notApplied.add(action.key());
      }
      reports[i] = new ActionReport(action, outcome, (System.nanoTime() - start) / 1_000_000);
      log.accept(reports[i]);
      if (action.kind().equals(fault)) {
        Runtime.getRuntime().halt(137);
      }
    }
  }

  private static ActionReport skipped(Action a, String reason, Consumer<ActionReport> log) {
    ActionReport r = new ActionReport(a, new Outcome.Skipped(reason), 0);
    log.accept(r);
    return r;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "user-lane");
      t.setDaemon(true);
      return t;
    };
  }

  static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
