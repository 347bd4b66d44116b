package dev.workstation.site;

import java.time.Duration;

/** {@code freshen:}: how many users' clones at a time, and each fetch's and a session's bound. */
public record FreshenSettings(int jobs, Duration timeout, Duration sessionTimeout) {
  public static FreshenSettings defaults() {
    return new FreshenSettings(8, Duration.ofSeconds(30), Duration.ofSeconds(10));
  }
}
