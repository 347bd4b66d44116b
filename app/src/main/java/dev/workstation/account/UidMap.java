package dev.workstation.account;

import dev.workstation.host.IdRange;
import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Every uid ever given to a roster user, kept in the state dir ({@code uids}: {@code name:uid}
 * lines) so a uid is never handed to a different person later — files a departed user left on
 * shared storage must not become a newcomer's.
 */
public final class UidMap {
  private final Path file;
  private final TreeMap<String, Integer> uids;

  private UidMap(Path file, TreeMap<String, Integer> uids) {
    this.file = file;
    this.uids = uids;
  }

  public static UidMap load(Path stateDir) throws IOException {
    Path file = stateDir.resolve("uids");
    TreeMap<String, Integer> uids = new TreeMap<>();
    if (Files.exists(file)) {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(":", -1);
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
          throw new IOException(file + ":" + n + ": not a name:uid line; fix or remove it");
        }
        uids.put(parts[0], Integer.parseInt(parts[1]));
      }
    }
    return new UidMap(file, uids);
  }

  public synchronized OptionalInt uidOf(String user) {
    Integer uid = uids.get(user);
    return uid == null ? OptionalInt.empty() : OptionalInt.of(uid);
  }

  public synchronized Map<String, Integer> asMap() {
    return Map.copyOf(uids);
  }

  /**
   * The uid for a new account: the one this person had before, else one above every uid ever
   * recorded or in use within {@code range} (login.defs' UID_MIN..UID_MAX) — never the lowest free,
   * which may be a departed person's. Empty when the range is used up.
   */
  public static OptionalInt choose(
      String user, Map<String, Integer> recorded, Collection<Integer> inUse, IdRange range) {
    Integer mine = recorded.get(user);
    if (mine != null && !inUse.contains(mine)) {
      return OptionalInt.of(mine);
    }
    int max = range.min() - 1;
    for (int u : recorded.values()) {
      if (range.contains(u)) {
        max = Math.max(max, u);
      }
    }
    for (int u : inUse) {
      if (range.contains(u)) {
        max = Math.max(max, u);
      }
    }
    return max < range.max() ? OptionalInt.of(max + 1) : OptionalInt.empty();
  }

  /** Records {@code user → uid}; writes the file only if that changes it. */
  /** Thread-safe: users' lanes create accounts in parallel. */
  public synchronized void record(String user, int uid) throws IOException {
    Integer old = uids.put(user, uid);
    if (old != null && old == uid) {
      return;
    }
    StringBuilder out =
        new StringBuilder("# uids given to roster users; never reused for someone else\n");
    uids.forEach((name, u) -> out.append(name).append(':').append(u).append('\n'));
    Files.createDirectories(file.getParent());
    AtomicFiles.write(
        file,
        out.toString().getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }
}
