package dev.workstation.util;

import java.time.Duration;

/**
 * A point in time that work must finish by (monotonic clock). Every wait in a run for one user is
 * bounded by that user's deadline, so nothing one user controls can hold the run past it.
 */
public record Deadline(long atNanos) {
  public static Deadline in(Duration d) {
    return new Deadline(System.nanoTime() + Math.max(0, d.toNanos()));
  }

  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
  }

  public boolean expired() {
    return atNanos - System.nanoTime() <= 0;
  }

  /** The smaller of {@code d} and what is left. */
  public Duration cap(Duration d) {
    Duration left = remaining();
    return left.compareTo(d) < 0 ? left : d;
  }
}
