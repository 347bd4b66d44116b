package dev.workstation.claudeauth;

/** What root found where a user's job records its result. */
public sealed interface ResultReading {
  /** No result yet: the job has not run (or has never been able to write one). */
  record Missing() implements ResultReading {}

  /** A well-formed result. */
  record Found(ClaudeAuthResult result) implements ResultReading {}

  /**
   * Something that is not a result: a link, a FIFO, another owner's file, too large, not the
   * format. {@code why} names the file and the reason, never its content; print it escaped.
   */
  record Refused(String why) implements ResultReading {}
}
