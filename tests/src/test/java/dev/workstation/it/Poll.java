package dev.workstation.it;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waiting for something to become true, with a deadline, instead of sleeping a guessed time: fast
 * where the machine is fast, patient where it is loaded, and a clear failure when it never happens.
 */
public final class Poll {
  static final Duration EVERY = Duration.ofMillis(50);

  private Poll() {}

  /** What a poll looks at; may run commands. */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  /**
   * Looks at {@code probe} until {@code done} holds for what it returns, or {@code within} has
   * passed; returns the last value either way, for the caller's assertion to show.
   */
  public static <T> T until(Duration within, Probe<T> probe, Predicate<T> done) throws Exception {
    long end = System.nanoTime() + within.toNanos();
    T last = probe.get();
    while (!done.test(last) && System.nanoTime() < end) {
      Thread.sleep(EVERY.toMillis());
      last = probe.get();
    }
    return last;
  }

  /** Waits until {@code condition} holds; fails naming {@code what} when it did not in time. */
  public static void until(Duration within, String what, Probe<Boolean> condition)
      throws Exception {
    if (!until(within, condition, Boolean::booleanValue)) {
      throw new AssertionError("not within " + within.toSeconds() + "s: " + what);
    }
  }
}
