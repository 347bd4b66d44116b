package dev.workstation.claudesync;

/** What checking a credential said. Reasons name what happened, never what was printed. */
sealed interface CheckResult {
  /** The credential works. */
  record Passed() implements CheckResult {}

  /** It does not: the job restores the backup (once) and checks again. */
  record Failed(String why) implements CheckResult {}

  /** The check could not run at all (no {@code claude}): nothing is backed up or restored. */
  record Unavailable(String why) implements CheckResult {}
}
