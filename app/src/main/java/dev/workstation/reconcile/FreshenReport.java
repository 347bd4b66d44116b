package dev.workstation.reconcile;

/** One clone's freshen outcome, for one user. */
public record FreshenReport(String user, String repo, String outcome, long millis) {
  public String logLine() {
    return "user=" + user + " action=freshen repo=" + repo + " result=" + outcome + " ms=" + millis;
  }
}
