package dev.workstation.reconcile;

import dev.workstation.plan.Note;
import java.util.List;

/**
 * What {@code workstation adopt --check} found: for each user and facet (and for the host), what
 * the first reconcile would do to a box another provisioner ran — nothing, an intended change, or a
 * change flagged for the admin to read before switching.
 */
public record AdoptionReport(String rosterOrigin, List<Finding> findings, List<Note> notes) {
  public AdoptionReport {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  /** How a finding weighs. */
  public enum Level {
    /** the first reconcile leaves it as it is */
    SAME,
    /** an intended change (a stripped key, a new port for a pool that had none, a new account) */
    CHANGE,
    /** a change the admin should read first: it moves, rewrites or touches what users rely on */
    FLAGGED
  }

  /** Why a change is flagged. */
  public enum Flag {
    NONE("-"),
    MOVES_PORT("moves-port"),
    CHANGES_SHELL("changes-shell"),
    CHANGES_UNIT("changes-unit"),
    TOUCHES_HOME("touches-home"),
    REWRITES_FILE("rewrites-file");

    private final String id;

    Flag(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * One line of the report.
   *
   * @param user an os_user, or {@code -} for the host
   * @param facet what it is about, e.g. {@code port playwright} or {@code /etc/ttyd-user-map}
   */
  public record Finding(String user, String facet, Level level, Flag flag, String detail) {
    static Finding same(String user, String facet, String detail) {
      return new Finding(user, facet, Level.SAME, Flag.NONE, detail);
    }

    static Finding change(String user, String facet, String detail) {
      return new Finding(user, facet, Level.CHANGE, Flag.NONE, detail);
    }

    static Finding flagged(String user, String facet, Flag flag, String detail) {
      return new Finding(user, facet, Level.FLAGGED, flag, detail);
    }
  }

  public long count(Level level) {
    return findings.stream().filter(f -> f.level() == level).count();
  }

  public long count(Flag flag) {
    return findings.stream().filter(f -> f.flag() == flag).count();
  }
}
