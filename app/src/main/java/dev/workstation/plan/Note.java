package dev.workstation.plan;

/** Something plan/reconcile reports without acting on it: a warning or a refusal. */
public record Note(String user, Level level, String message) {
  public enum Level {
    INFO,
    WARNING
  }

  public static Note warn(String user, String message) {
    return new Note(user, Level.WARNING, message);
  }

  public static Note info(String user, String message) {
    return new Note(user, Level.INFO, message);
  }
}
