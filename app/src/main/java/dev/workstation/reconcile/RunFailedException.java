package dev.workstation.reconcile;

/** The run could not start or finish for a reason the operator must fix (exit 1). */
public class RunFailedException extends RuntimeException {
  public RunFailedException(String message) {
    super(message);
  }
}
