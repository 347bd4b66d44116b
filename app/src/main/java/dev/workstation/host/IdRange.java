package dev.workstation.host;

import java.nio.file.Path;

/** An inclusive range of uids or gids. */
public record IdRange(int min, int max) {
  /** The range, with ids beyond {@code int} clamped (Linux ids are unsigned 32-bit). */
  static IdRange of(long min, long max) {
    return new IdRange(
        (int) Math.min(min, Integer.MAX_VALUE), (int) Math.min(max, Integer.MAX_VALUE));
  }

  /** The range of an {@code /etc/subuid} or {@code /etc/subgid} row ({@code who:start:count}). */
  static java.util.Optional<IdRange> ofSubordinate(String[] row) {
    if (row.length == 3 && row[1].matches("[0-9]{1,10}") && row[2].matches("[1-9][0-9]{0,9}")) {
      long start = Long.parseLong(row[1]);
      return java.util.Optional.of(IdRange.of(start, start + Long.parseLong(row[2]) - 1));
    }
    return java.util.Optional.empty();
  }

  /**
   * The subordinate uids {@code /etc/subuid} gives {@code user} (rows by name or by uid): through
   * {@code newuidmap} (rootless containers) the user runs processes as those uids.
   */
  public static java.util.List<IdRange> subordinateUids(Path subuid, String user, int uid)
      throws java.io.IOException {
    java.util.List<IdRange> out = new java.util.ArrayList<>();
    for (String[] row : SandboxIds.rows(subuid)) {
      if (row[0].equals(user) || row[0].equals(Integer.toString(uid))) {
        ofSubordinate(row).filter(r -> !r.contains(0)).ifPresent(out::add);
      }
    }
    return out;
  }

  public boolean contains(long id) {
    return id >= min && id <= max;
  }

  public boolean overlaps(IdRange other) {
    return min <= other.max && max >= other.min;
  }
}
