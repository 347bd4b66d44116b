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
   * Whether units' runtime states (active, failed) are known: false where systemd is driven
   * offline, with only enablement to read and change.
   */
  default boolean runtimeKnown() {
    return true;
  }

  /**
   * unit → {enabled, active, failed} for each of {@code units} (template instances such as {@code
   * t3-serve@emo.service} or {@code nightly-backup@emo.timer}). An instance whose template is not
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

  /**
   * Makes the system manager read its unit files again ({@code systemctl daemon-reload}), so a
   * changed unit or drop-in takes effect for what is already running. A no-op where units are only
   * enabled offline, and where systemd is not running (it reads the files when it starts).
   */
  void reload();

  /**
   * Makes each running user manager read its unit files again (a drop-in in {@code
   * /etc/systemd/user} changed). A no-op where units are only enabled offline, or systemd is not
   * running.
   */
  void reloadUserManagers();

  /** Which manager reads a unit file or drop-in. */
  enum Manager {
    /** {@code /etc/systemd/system}: the system manager (slices, services). */
    SYSTEM,
    /** {@code /etc/systemd/user}: every user's manager (their scopes, their units). */
    USER
  }

  /** The manager that reads {@code path}, when it is a unit file or drop-in. */
  static java.util.Optional<Manager> managerOf(java.nio.file.Path path) {
    if (path.startsWith("/etc/systemd/system")) {
      return java.util.Optional.of(Manager.SYSTEM);
    }
    return path.startsWith("/etc/systemd/user")
        ? java.util.Optional.of(Manager.USER)
        : java.util.Optional.empty();
  }

  record UnitState(boolean enabled, boolean active, boolean failed, boolean templateMissing) {
    public static final UnitState ABSENT = new UnitState(false, false, false, false);

    public UnitState(boolean enabled, boolean active, boolean failed) {
      this(enabled, active, failed, false);
    }
  }
}
