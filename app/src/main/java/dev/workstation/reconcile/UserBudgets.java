package dev.workstation.reconcile;

import dev.workstation.util.Deadline;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's share of a run: everything the run does for one user (observe, apply, freshen) counts
 * against {@code limits.user_timeout}. Only the user's own work is counted — time spent waiting for
 * someone else's hung home never eats into another user's budget.
 */
final class UserBudgets {
  private final Duration limit;
  private final Map<String, Long> spentNanos = new ConcurrentHashMap<>();

  UserBudgets(Duration limit) {
    this.limit = limit;
  }

  Duration limit() {
    return limit;
  }

  /** A deadline for the user's next piece of work: now plus what is left of the budget. */
  Deadline start(String user) {
    return Deadline.in(limit.minusNanos(spentNanos.getOrDefault(user, 0L)));
  }

  /** Records that the piece of work begun at {@code started} (System.nanoTime) is over. */
  void spent(String user, long started) {
    spentNanos.merge(user, System.nanoTime() - started, Long::sum);
  }

  boolean exhausted(String user) {
    return spentNanos.getOrDefault(user, 0L) >= limit.toNanos();
  }

  /** The reason a user's work stopped. */
  String exceeded() {
    return "exceeded limits.user_timeout (" + limit.toSeconds() + "s) for this user";
  }
}
