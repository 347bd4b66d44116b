package dev.workstation.reconcile;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.util.Inert;

/** One clone's freshen outcome, for one user. */
public record FreshenReport(String user, String repo, FreshenOutcome outcome, long millis) {
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
