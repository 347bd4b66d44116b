package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.plan.ActionKey;
import dev.workstation.plan.DeferredException;
import dev.workstation.plan.Effects;
import dev.workstation.plan.Owner;
import dev.workstation.util.Deadline;
import java.time.Duration;
import java.util.ArrayList;
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

  /**
   * Settings of one apply: lanes at a time, each user's budget, who watches, and how long past a
   * user's budget a lane is waited for before it is reported and left (a stuck root-side step).
   */
  record Lanes(int jobs, UserBudgets budgets, Progress progress, Duration margin) {
    /** Every worker call is bounded by the deadline; the margin covers root-side steps. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    Lanes(int jobs, UserBudgets budgets, Progress progress) {
      this(jobs, budgets, progress, MARGIN);
    }

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
    runLane(actions, new Lane(before, reports, log), fx, globalNotApplied, null, null);
    List<Lane> users = new ArrayList<>();
    byUser.forEach((user, steps) -> users.add(new Lane(steps, reports, log)));
    runLanes(actions, fx, lanes, users, List.copyOf(byUser.keySet()), globalNotApplied);
    runLane(actions, new Lane(after, reports, log), fx, globalNotApplied, null, null);
    return List.of(reports);
  }

  /** Each user's lane, {@code jobs} at a time, each within its user's budget. */
  private static void runLanes(
      List<Action> actions,
      Effects fx,
      Lanes lanes,
      List<Lane> users,
      List<String> names,
      Set<ActionKey> globalNotApplied) {
    lanes.progress().begin("apply", users.size());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, lanes.jobs()), daemon());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int n = 0; n < users.size(); n++) {
        String user = names.get(n);
        Lane lane = users.get(n);
        running.add(
            pool.submit(
                () -> {
                  long started = System.nanoTime();
                  Deadline deadline = lanes.budgets().start(user);
                  try {
                    runLane(
                        actions,
                        lane,
                        fx.within(deadline),
                        new HashSet<>(globalNotApplied),
                        deadline,
                        lanes.budgets().exceeded());
                  } finally {
                    lanes.budgets().spent(user, started);
                    lanes.progress().done(user);
                  }
                }));
      }
      for (int n = 0; n < running.size(); n++) {
        awaitLane(running.get(n), lanes);
        // a lane that overran (a stuck root-side command) is reported and left: from here on it
        // records nothing, so what it does when it ends changes no report and logs no line
        users.get(n).close(actions, lanes.budgets().exceeded());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitLane(Future<?> f, Lanes lanes) {
    try {
      f.get(lanes.budgets().limit().plus(lanes.margin()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      f.cancel(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // runLane records every action's outcome itself; nothing escapes it but an Error
    }
  }

  /** Applies {@code lane}'s steps in order (one user's lane, or a machine phase). */
  private static void runLane(
      List<Action> actions,
      Lane lane,
      Effects fx,
      Set<ActionKey> notApplied,
      Deadline deadline,
      String deadlineReason) {
    for (int i : lane.steps()) {
      Action action = actions.get(i);
      long start = System.nanoTime();
      Outcome outcome = outcome(action, fx, notApplied, deadline, deadlineReason);
      if (!(outcome instanceof Outcome.Applied)) {
        notApplied.add(action.key());
      }
      if (!lane.record(
          i, new ActionReport(action, outcome, (System.nanoTime() - start) / 1_000_000))) {
        return; // given up on: the applier has reported the rest
      }
    }
  }

  /** Applies {@code action} unless its lane is out of time or a dependency did not apply. */
  private static Outcome outcome(
      Action action, Effects fx, Set<ActionKey> notApplied, Deadline deadline, String reason) {
    ActionKey blocker =
        action.dependsOn().stream().filter(notApplied::contains).findFirst().orElse(null);
    if (deadline != null && deadline.expired()) {
      return new Outcome.Skipped(reason);
    } else if (blocker != null) {
      return new Outcome.Skipped("depends on " + blocker + ", which did not apply");
    }
    try {
      action.apply(fx);
      return new Outcome.Applied();
    } catch (DeferredException e) {
      return new Outcome.Deferred(e.getMessage());
    } catch (Exception e) {
      return new Outcome.Failed(message(e));
    }
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
