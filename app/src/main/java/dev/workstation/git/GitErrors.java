package dev.workstation.git;

/** What a JGit failure means to an operator: the innermost message of its cause chain. */
final class GitErrors {
  private GitErrors() {}

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String msg = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        msg = t.getMessage();
      }
    }
    return msg == null ? e.getClass().getSimpleName() : msg;
  }
}
