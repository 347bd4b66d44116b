package dev.workstation.input;

import java.util.List;

/**
 * Input (a roster, a site config, a command-line value) that must not be acted on. Carries every
 * problem found, so the operator can fix them all in one edit. Maps to exit code 3.
 */
public final class InvalidInputException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidInputException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "invalid input";
    }
    StringBuilder out = new StringBuilder();
    for (Problem p : problems) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(p.render());
    }
    return out.toString();
  }
}
