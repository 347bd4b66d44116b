package dev.workstation.units;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * systemd, for the per-user surfaces. Where systemd is not running (a chroot, a test sandbox)
 * {@link #available()} says why, and callers report unit work as skipped rather than failed.
 */
public interface Units {

  /** Null when systemd can be driven here; otherwise the reason it cannot. */
  String unavailableReason();

  default boolean available() {
    return unavailableReason() == null;
  }

  /**
   * unit → {enabled, active, failed} for each of {@code units} (template instances such as {@code
   * t3-serve@emo.service} or {@code claude-auth-sync@emo.timer}). An instance whose template is not
   * installed is reported with {@link UnitState#templateMissing()}.
   */
  Map<String, UnitState> states(Collection<String> units);

  /**
   * Where the unit file {@code name} (e.g. {@code t3-serve@.service}) is installed, if anywhere.
   */
  Optional<String> unitFile(String name);

  /**
   * unit → the environment files systemd reads for it ({@code EnvironmentFiles=}, {@code %i}
   * resolved), for those of {@code units} it can say that of; empty where systemd is driven
   * offline.
   */
  default Map<String, java.util.List<java.nio.file.Path>> environmentFiles(
      Collection<String> units) {
    return Map.of();
  }

  /** Enable and start. For a timer that starts the timer, not its service. */
  void enableNow(String unit);

  /**
   * Disable and stop (an already-running instance must stop), and clear its failed state — for a
   * timer, also its service's, which is where a failed run leaves it.
   */
  void disableNow(String unit);

  record UnitState(boolean enabled, boolean active, boolean failed, boolean templateMissing) {
    public static final UnitState ABSENT = new UnitState(false, false, false, false);

    public UnitState(boolean enabled, boolean active, boolean failed) {
      this(enabled, active, failed, false);
    }
  }
}
