package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A user's memory as the kernel accounts it in their slice's cgroup ({@code user-<uid>.slice}):
 * what it holds now, the cap in force, and how many of its processes the OOM killer took (SPEC
 * §6.11). cgroup v2 keeps all three in the slice itself ({@code memory.current}, {@code
 * memory.max}, {@code memory.events}, whose counts include the cgroups below); on a v1 or hybrid
 * host the memory hierarchy has {@code memory.usage_in_bytes} and {@code memory.limit_in_bytes},
 * and each cgroup's {@code memory.oom_control} counts only the kills of its own limit, so the
 * slice's are added up over its subtree (a bounded walk).
 *
 * <p>Each file is read like any root file root did not write ({@link RootFileReader}: no link
 * followed, no read that waits, at most 4 KiB) and parsed strictly: whatever is absent, odd or not
 * a plain number is unknown, never a crash.
 *
 * @param bytes memory in use now
 * @param max the cap in force, {@link #NO_LIMIT} for none
 * @param oomKills processes of the slice the OOM killer took since the slice started
 */
public record SliceMemory(
    State state, OptionalLong bytes, OptionalLong max, OptionalLong oomKills) {
  /** A cap of "none" ({@code max}, or v1's page-rounded largest value). */
  public static final long NO_LIMIT = Long.MAX_VALUE;

  /** Whether the slice runs (the user has processes, or a lingering manager). */
  public enum State {
    RUNNING,
    NO_SLICE,
    UNKNOWN
  }

  public static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

  /** How many cgroups of one v1 slice are walked for its kills before the count is unknown. */
  static final int MAX_CGROUPS = 256;

  private static final int CAP = 4096;
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");

  /** {@code uid}'s slice on this host. */
  public static SliceMemory read(int uid) {
    return read(CGROUP_ROOT, uid);
  }

  /** {@code uid}'s slice in the cgroup file system mounted at {@code root}. */
  public static SliceMemory read(Path root, int uid) {
    String slice = "user.slice/user-" + uid + ".slice";
    boolean unified = kind(root.resolve("cgroup.controllers")) == FileInfo.Type.FILE;
    Path dir = unified ? root.resolve(slice) : root.resolve("memory").resolve(slice);
    if (!unified && kind(root.resolve("memory")) != FileInfo.Type.DIRECTORY) {
      return of(State.UNKNOWN); // no memory controller where systemd mounts it
    }
    FileInfo.Type there = kind(dir);
    if (there != FileInfo.Type.DIRECTORY) {
      return of(there == null ? State.NO_SLICE : State.UNKNOWN);
    }
    return unified
        ? new SliceMemory(
            State.RUNNING,
            number(dir.resolve("memory.current")),
            limit(dir.resolve("memory.max")),
            field(dir.resolve("memory.events"), "oom_kill"))
        : new SliceMemory(
            State.RUNNING,
            number(dir.resolve("memory.usage_in_bytes")),
            limit(dir.resolve("memory.limit_in_bytes")),
            subtreeKills(dir));
  }

  /** A reading with no figures: {@code state} alone. */
  public static SliceMemory of(State state) {
    return new SliceMemory(state, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  private static FileInfo.Type kind(Path p) {
    return FileInfo.lstat(p).map(FileInfo::type).orElse(null);
  }

  private static List<String> lines(Path file) {
    try {
      if (RootFileReader.read(file, CAP) instanceof RootFileReader.Read.Bytes b) {
        return new String(b.bytes(), StandardCharsets.UTF_8).lines().toList();
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return List.of();
  }

  /** A file of one number. */
  static OptionalLong number(Path file) {
    List<String> l = lines(file);
    return l.size() == 1 ? parse(l.get(0)) : OptionalLong.empty();
  }

  /** A cap: a number, or none ({@code max}; on v1 anything from 2^62 up). */
  static OptionalLong limit(Path file) {
    List<String> l = lines(file);
    if (l.equals(List.of("max"))) {
      return OptionalLong.of(NO_LIMIT);
    }
    OptionalLong n = l.size() == 1 ? parse(l.get(0)) : OptionalLong.empty();
    return n.isPresent() && n.getAsLong() >= 1L << 62 ? OptionalLong.of(NO_LIMIT) : n;
  }

  /** The value of the {@code key N} line of a flat-keyed file. */
  static OptionalLong field(Path file, String key) {
    for (String line : lines(file)) {
      String[] f = line.split(" ");
      if (f.length == 2 && f[0].equals(key)) {
        return parse(f[1]);
      }
    }
    return OptionalLong.empty();
  }

  /** A plain non-negative number that fits a long, else unknown. */
  private static OptionalLong parse(String s) {
    if (!NUMBER.matcher(s).matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** v1: the kills counted in {@code slice} and every cgroup below it (no link followed). */
  private static OptionalLong subtreeKills(Path slice) {
    long sum = 0;
    int seen = 0;
    Deque<Path> todo = new ArrayDeque<>(List.of(slice));
    while (!todo.isEmpty()) {
      Path dir = todo.pop();
      if (++seen > MAX_CGROUPS) {
        return OptionalLong.empty();
      }
      OptionalLong n = field(dir.resolve("memory.oom_control"), "oom_kill");
      if (n.isEmpty()) {
        return OptionalLong.empty();
      }
      sum += n.getAsLong();
      try (Stream<Path> children = java.nio.file.Files.list(dir)) {
        children
            .filter(c -> kind(c) == FileInfo.Type.DIRECTORY)
            .limit(MAX_CGROUPS + 1L)
            .forEach(todo::push);
      } catch (IOException | RuntimeException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(sum);
  }
}
