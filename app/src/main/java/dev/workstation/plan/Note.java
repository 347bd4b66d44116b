package dev.workstation.plan;

import java.util.Optional;

/**
 * Something plan/reconcile reports without acting on it: a note, a warning, or an input the run
 * could not act on and kept back ({@link Level#ERROR}: the run fails, exit 1, though everything
 * else was applied).
 *
 * @param keptBack which input was kept back, for an {@link Level#ERROR}; empty otherwise
 */
public record Note(String user, Level level, String message, Optional<KeptBack> keptBack) {
  public enum Level {
    INFO,
    WARNING,
    ERROR
  }

  /**
   * An input a run could not act on while the host stays as it was: the run goes on for everything
   * else, then fails, so the timer's run, its metrics and an alert say so.
   */
  public enum KeptBack {
    /** The committed managed-settings.json was refused; the installed copy stays in force. */
    MANAGED_SETTINGS("managed_settings"),
    /** Vault could not be read (denied, unreachable, not JSON): tiers went unchecked. */
    TIER_VALIDATION("tier_validation"),
    /**
     * A user's per-user unit was not started: a unit or process of their own collides with it (SPEC
     * §6.7), and the system unit would only crash-loop against it.
     */
    UNIT_COLLISION("unit_collision"),
    /**
     * Vault could not be asked about the users' Claude-credential tokens (SPEC §6.12): none was
     * checked, minted or replaced.
     */
    CLAUDE_AUTH("claude_auth");

    private final String label;

    KeptBack(String label) {
      this.label = label;
    }

    /** The word metrics and {@code --json} carry. */
    public String label() {
      return label;
    }
  }

  public Note {
    if ((level == Level.ERROR) != keptBack.isPresent()) {
      throw new IllegalArgumentException("an error note names what was kept back, and only it");
    }
  }

  public Note(String user, Level level, String message) {
    this(user, level, message, Optional.empty());
  }

  public static Note warn(String user, String message) {
    return new Note(user, Level.WARNING, message);
  }

  public static Note info(String user, String message) {
    return new Note(user, Level.INFO, message);
  }

  /** {@code what} was kept back, and why: the run fails. */
  public static Note keptBack(KeptBack what, String message) {
    return keptBack("-", what, message);
  }

  /** {@code what} of {@code user}'s was kept back, and why: the run fails. */
  public static Note keptBack(String user, KeptBack what, String message) {
    return new Note(user, Level.ERROR, message, Optional.of(what));
  }
}
