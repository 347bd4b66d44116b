package dev.workstation.reconcile;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.util.Inert;

/**
 * One clone's freshen outcome, for one user — or, when the user's freshen failed as a whole (their
 * worker), one outcome for all of their clones ({@link #wholeUser}).
 */
public record FreshenReport(String user, String repo, FreshenOutcome outcome, long millis) {
  /** How output names all of a user's clones at once. */
  private static final String EVERY_CLONE = "*";

  /** The user's freshen as a whole ended with {@code outcome}. */
  public static FreshenReport wholeUser(String user, FreshenOutcome outcome) {
    return new FreshenReport(user, EVERY_CLONE, outcome, 0);
  }

  /** Whether this is about all of the user's clones at once. */
  public boolean wholeUser() {
    return repo.equals(EVERY_CLONE);
  }

  /** The structured log line; every value escaped and quoted as logfmt wants. */
  public String logLine() {
    return "user="
        + Inert.value(user)
        + " action=freshen repo="
        + Inert.value(repo)
        + " result="
        + Inert.value(outcome.text())
        + " ms="
        + millis;
  }
}
