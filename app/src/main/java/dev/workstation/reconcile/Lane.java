package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where one lane's (or one machine phase's) outcomes go. The lane's thread records them while it
 * runs; once the applier has closed the lane, it records nothing more. Both sides hold the lane's
 * lock, so a report is written by exactly one of them, exactly once.
 */
final class Lane {
  private final List<Integer> steps;
  private final ActionReport[] reports;
  private final Consumer<ActionReport> log;
  private boolean closed;

  Lane(List<Integer> steps, ActionReport[] reports, Consumer<ActionReport> log) {
    this.steps = List.copyOf(steps);
    this.reports = reports;
    this.log = log;
  }

  /** The plan indexes of this lane's steps, in order. */
  List<Integer> steps() {
    return steps;
  }

  /** Records step {@code i}'s outcome; false once the lane is closed (nothing is recorded). */
  synchronized boolean record(int i, ActionReport r) {
    if (closed) {
      return false;
    }
    reports[i] = r;
    log.accept(r);
    return true;
  }

  /** Closes the lane: each step it has not reported is skipped with {@code reason}. */
  synchronized void close(List<Action> actions, String reason) {
    closed = true;
    for (int i : steps) {
      if (reports[i] == null) {
        ActionReport r = new ActionReport(actions.get(i), new Outcome.Skipped(reason), 0);
        reports[i] = r;
        log.accept(r);
      }
    }
  }
}
