package dev.workstation.site;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code units:}: the per-user unit templates, where the env files live, the sticky-port pools
 * (each with its own file and key) and the keys stripped from a user's env files.
 */
public record UnitSettings(
    List<UnitTemplate> perUser,
    Path envDir,
    Map<String, PortPool> portPools,
    List<String> envStrip) {
  public UnitSettings {
    perUser = List.copyOf(perUser);
    portPools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(portPools));
    envStrip = List.copyOf(envStrip);
  }

  public static UnitSettings defaults() {
    Map<String, PortPool> pools = new LinkedHashMap<>();
    pools.put("t3", PortPool.shortForm("t3", 3773));
    return new UnitSettings(List.of(), Path.of("/etc/t3-serve"), pools, List.of());
  }

  /** A user's env files (names in {@link #envDir}) and the pools that keep a port in each. */
  public Map<String, List<PortPool>> envFiles(String user) {
    Map<String, List<PortPool>> out = new LinkedHashMap<>();
    for (PortPool p : portPools.values()) {
      out.computeIfAbsent(p.fileName(user), f -> new java.util.ArrayList<>()).add(p);
    }
    return out;
  }
}
