package dev.workstation.plan;

import dev.workstation.units.Units;
import java.util.Map;
import java.util.Optional;

/**
 * Root-owned surface files and unit states as observed. File contents are empty when the file is
 * absent; a path that is not a regular file is recorded in {@code blocked}. {@code runtimeKnown} is
 * false when systemd is driven offline ({@code --root}): only enablement exists. {@code
 * collisions}: per-user unit → what of the user's own stands in its way (SPEC §6.7: a unit of
 * theirs of the same name, a process of theirs on its port).
 */
public record SurfaceFacts(
    Map<String, Optional<String>> files,
    Map<String, String> blocked,
    Map<String, Units.UnitState> units,
    String unitsUnavailable,
    boolean runtimeKnown,
    Map<String, String> collisions) {

  public SurfaceFacts {
    files = Map.copyOf(files);
    blocked = Map.copyOf(blocked);
    units = Map.copyOf(units);
    collisions = Map.copyOf(collisions);
  }

  /** Without collisions. */
  public SurfaceFacts(
      Map<String, Optional<String>> files,
      Map<String, String> blocked,
      Map<String, Units.UnitState> units,
      String unitsUnavailable,
      boolean runtimeKnown) {
    this(files, blocked, units, unitsUnavailable, runtimeKnown, Map.of());
  }

  /** No root files, no units, systemd running: what a planner test starts from. */
  public static SurfaceFacts none() {
    return new SurfaceFacts(Map.of(), Map.of(), Map.of(), null, true);
  }

  /** These facts with {@code collisions} observed. */
  public SurfaceFacts withCollisions(Map<String, String> collisions) {
    return new SurfaceFacts(files, blocked, units, unitsUnavailable, runtimeKnown, collisions);
  }
}
