package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cgroups a systemd sandbox lives in: one directory ("leaf") per cgroup hierarchy the host has
 * mounted under {@code /sys/fs/cgroup}, made under the cgroup this process is in. The sandbox's PID
 * 1 moves itself into them and then into a cgroup namespace rooted there, so its systemd builds
 * {@code init.scope}, {@code system.slice} and {@code user.slice} inside the leaves — never at the
 * root of the host's hierarchies, where it would share {@code user-UID.slice} with the host and
 * leave empty cgroups behind. After it powered off, {@link #remove()} takes the leaves down again,
 * deepest first.
 *
 * @param leaves one per hierarchy, in mount order
 */
public record CgroupLeaves(List<Leaf> leaves) {
  /** Every sandbox leaf is named so: a stale one (a killed run) is recognised and removed. */
  public static final String PREFIX = "workstation-sandbox-";

  static final Path ROOT = Path.of("/sys/fs/cgroup");

  /**
   * One hierarchy: where the host mounts it, how to mount it again inside the sandbox, and the
   * sandbox's leaf on the host.
   *
   * @param type {@code cgroup} (v1) or {@code cgroup2}
   * @param options the v1 mount options naming the hierarchy ({@code memory}, {@code
   *     name=systemd}); {@code none} for cgroup2
   */
  public record Leaf(Path mountPoint, String type, String options, Path path) {}

  public CgroupLeaves {
    leaves = List.copyOf(leaves);
  }

  /**
   * Makes a leaf named {@code name} in each hierarchy. Throws with the reason when there is no
   * cgroup filesystem or it cannot be written (read-only, not root); leaves made before the failure
   * are removed again.
   */
  public static CgroupLeaves create(String name) throws IOException {
    List<Leaf> planned = plan(name);
    List<Leaf> made = new ArrayList<>();
    try {
      for (Leaf l : planned) {
        Files.createDirectory(l.path());
        made.add(l);
        if (l.options().equals("cpuset")) {
          // a v1 cpuset admits no process until it has cpus and memory nodes: its parent's
          for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
            Files.writeString(l.path().resolve(f), Files.readString(l.path().resolveSibling(f)));
          }
        }
      }
    } catch (IOException e) {
      new CgroupLeaves(made).remove();
      throw new IOException("cannot make the sandbox's cgroup " + e.getMessage(), e);
    }
    return new CgroupLeaves(made);
  }

  private static List<Leaf> plan(String name) throws IOException {
    List<Leaf> out = new ArrayList<>();
    List<String> own = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
    Set<String> controllers = CgroupTables.controllers();
    for (CgroupTables.Mount m : CgroupTables.mounts()) {
      String options = m.type().equals("cgroup2") ? "none" : m.hierarchy(controllers);
      String mine = CgroupTables.ownPath(own, m.type(), options);
      if (mine == null) {
        continue; // a hierarchy this process is not in (none that systemd needs)
      }
      Path parent = m.mountPoint().resolve(mine.substring(1));
      out.add(new Leaf(m.mountPoint(), m.type(), options, parent.resolve(name)));
    }
    if (out.stream().noneMatch(l -> l.type().equals("cgroup2") || l.options().contains("name="))) {
      throw new IOException(
          "no cgroup hierarchy for systemd under "
              + ROOT
              + " (neither cgroup2 nor name=systemd is mounted)");
    }
    return out;
  }

  /**
   * The table the sandbox's init script reads: one line per leaf, {@code mountpoint type options
   * leaf}.
   */
  public String table() {
    StringBuilder b = new StringBuilder();
    for (Leaf l : leaves) {
      b.append(l.mountPoint())
          .append(' ')
          .append(l.type())
          .append(' ')
          .append(l.options())
          .append(' ')
          .append(l.path())
          .append('\n');
    }
    return b.toString();
  }

  /**
   * Removes every leaf and the cgroups systemd made in it, deepest first. A cgroup that still holds
   * a process cannot be removed (the kernel refuses): those are returned.
   */
  public List<Path> remove() {
    List<Path> left = new ArrayList<>();
    for (Leaf l : leaves) {
      removeTree(l.path(), left);
    }
    return left;
  }

  /**
   * Removes leaves of sandboxes that are gone (a run killed before it cleaned up) in every
   * hierarchy this process's cgroups are in. One that still holds a process stays.
   */
  public static void removeStale() throws IOException {
    for (Leaf l : plan(PREFIX + "probe")) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(l.path().getParent(), PREFIX + "*")) {
        for (Path stale : s) {
          removeTree(stale, new ArrayList<>());
        }
      }
    }
  }

  private static void removeTree(Path dir, List<Path> left) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path child : s) {
        removeTree(child, left);
      }
    } catch (IOException e) {
      left.add(dir);
      return;
    }
    try {
      Files.delete(dir); // rmdir(2): a cgroup's control files go with it
    } catch (IOException e) {
      left.add(dir);
    }
  }
}
