package dev.workstation.units;

import java.util.Map;

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

  /** unit → {enabled, active, failed} for every instance matching the template prefix. */
  Map<String, UnitState> states(String templatePrefix);

  void enableNow(String unit);

  /** Disable and stop (an already-running instance must stop), and clear its failed state. */
  void disableNow(String unit);

  record UnitState(boolean enabled, boolean active, boolean failed) {}
}
