package dev.workstation.plan;

/**
 * An action that could not be done now but is not a failure (e.g. no access yet); retried next run.
 */
public final class DeferredException extends Exception {
  public DeferredException(String message) {
    super(message);
  }
}
