package dev.workstation.plan;

import dev.workstation.host.FileInfo;
import dev.workstation.host.IdRange;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host, observed once before planning: immutable, so every planner sees the same world and none
 * of them touches the host.
 *
 * @param accounts roster users that have an account, by name
 * @param homePaths what is at {@code <home_root>/<user>} for roster users without an account
 * @param groups groups that exist on the host
 * @param shells configured shells that exist and are executable
 * @param uidsInUse every uid in the account database
 * @param uidRange UID_MIN..UID_MAX from login.defs: where new accounts get their uid
 */
public record HostSnapshot(
    Map<String, ObservedAccount> accounts,
    Map<String, Optional<FileInfo>> homePaths,
    Set<String> groups,
    Set<String> shells,
    Set<Integer> uidsInUse,
    Map<String, Integer> recordedUids,
    IdRange uidRange,
    Path homeRoot) {

  public HostSnapshot {
    accounts = Map.copyOf(accounts);
    homePaths = Map.copyOf(homePaths);
    groups = Set.copyOf(groups);
    shells = Set.copyOf(shells);
    uidsInUse = Set.copyOf(uidsInUse);
    recordedUids = Map.copyOf(recordedUids);
  }
}
