package dev.workstation.cli;

/** The exit codes of SPEC §7 — a contract with scripts and systemd. */
public final class ExitCodes {
  public static final int OK = 0;

  /** An error, or a partial failure of reconcile. */
  public static final int FAILED = 1;

  /** {@code plan}: changes are pending. */
  public static final int CHANGES_PENDING = 2;

  /** Invalid input (roster, site config, command line): nothing was acted on. */
  public static final int INVALID = 3;

  /** Another reconcile holds the lock. */
  public static final int LOCKED = 4;

  private ExitCodes() {}
}
