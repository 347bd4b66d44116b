package dev.workstation.site;

import java.time.Duration;

/**
 * How one run bounds its work: everything it does for one user (observe, apply, freshen) within
 * {@code userTimeout}, and {@code jobs} users worked on at a time — so one user's FIFO or hung
 * remote delays only that user.
 */
public record Limits(Duration userTimeout, int jobs) {
  public static Limits defaults() {
    return new Limits(Duration.ofSeconds(120), 4);
  }
}
