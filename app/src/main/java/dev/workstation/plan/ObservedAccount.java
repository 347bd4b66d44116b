package dev.workstation.plan;

import dev.workstation.host.FileInfo;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** One account as the host has it now. */
public record ObservedAccount(
    String name,
    int uid,
    int gid,
    Path home,
    String shell,
    Set<String> groups,
    boolean passwordLocked,
    Optional<FileInfo> homeInfo) {

  public ObservedAccount {
    groups = Set.copyOf(groups);
  }
}
