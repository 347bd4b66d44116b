package dev.workstation.cli;

/** An expected failure with a one-line message for the operator and its exit code. */
public class WorkstationException extends RuntimeException {
  private final int exitCode;

  public WorkstationException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
