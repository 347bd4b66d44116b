package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The uid/gid range a sandbox hands out: a block that no account or group in the host's {@code
 * passwd}/{@code group} uses and that no {@code subuid}/{@code subgid} range overlaps (those are
 * the ids of the host's rootless containers). Sandbox accounts then never share an id with anything
 * on the host, even in file ownership on a shared mount.
 */
public final class SandboxIds {
  /** Ids per sandbox: the benchmark's 100-user roster fits many times over. */
  static final int SIZE = 2000;

  /** Candidate blocks: below 60000, Debian's UID_MAX, and clear of 65534 (nobody). */
  static final int FIRST = 20000;

  static final int LAST = 58000;

  private SandboxIds() {}

  /** The first free block, judged from {@code etc}'s passwd, group, subuid and subgid. */
  public static IdRange choose(Path etc) throws IOException {
    List<IdRange> used = new ArrayList<>();
    for (String f : List.of("passwd", "group")) {
      for (String[] row : rows(etc.resolve(f))) {
        if (row.length > 2 && row[2].matches("[0-9]{1,10}")) {
          long id = Long.parseLong(row[2]);
          used.add(IdRange.of(id, id));
        }
      }
    }
    for (String f : List.of("subuid", "subgid")) {
      for (String[] row : rows(etc.resolve(f))) {
        IdRange.ofSubordinate(row).ifPresent(used::add);
      }
    }
    for (int start = FIRST; start <= LAST; start += SIZE) {
      IdRange candidate = new IdRange(start, start + SIZE - 1);
      if (used.stream().noneMatch(candidate::overlaps)) {
        return candidate;
      }
    }
    throw new IOException(
        "no free block of "
            + SIZE
            + " uids/gids between "
            + FIRST
            + " and "
            + (LAST + SIZE - 1)
            + " in "
            + etc
            + "/passwd, group, subuid, subgid: the sandbox will not share ids with the host");
  }

  /**
   * {@code hostDefs} with the sandbox's range as UID_MIN/UID_MAX and GID_MIN/GID_MAX (earlier
   * settings of those four removed; everything else kept).
   */
  public static String loginDefs(String hostDefs, IdRange ids) {
    StringBuilder out = new StringBuilder();
    for (String line : hostDefs.split("\n", -1)) {
      if (!line.strip().matches("(UID|GID)_(MIN|MAX)\\s.*")) {
        out.append(line).append('\n');
      }
    }
    out.append("# the workstation sandbox's own id range (host ids are never handed out here)\n");
    for (String k : List.of("UID", "GID")) {
      out.append(k).append("_MIN ").append(ids.min()).append('\n');
      out.append(k).append("_MAX ").append(ids.max()).append('\n');
    }
    return out.toString();
  }

  /** The {@code :}-separated rows of an {@code /etc} table (none when it does not exist). */
  static List<String[]> rows(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split(":", -1));
        }
      }
    }
    return out;
  }
}
