package dev.workstation.host;

import java.util.List;

/** A host command that exited non-zero: the exact argv, the exit code and what it said. */
public class CommandFailedException extends RuntimeException {
  private final List<String> argv;
  private final int exitCode;

  public CommandFailedException(List<String> argv, int exitCode, String stderr) {
    super(
        "'"
            + String.join(" ", argv)
            + "' failed (exit "
            + exitCode
            + ")"
            + (stderr == null || stderr.isBlank() ? "" : ": " + stderr.strip().replace('\n', ' ')));
    this.argv = List.copyOf(argv);
    this.exitCode = exitCode;
  }

  public List<String> argv() {
    return argv;
  }

  public int exitCode() {
    return exitCode;
  }
}
