package dev.workstation.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The two marks a leaky systemd sandbox leaves on a host, looked for before and after: a canary
 * file in the host's {@code /tmp} (systemd-tmpfiles empties {@code /tmp} at boot when it can see
 * it) and cgroups in the host's hierarchies (systemd builds {@code init.scope}, {@code
 * system.slice}, {@code user.slice} where it stands, and leaves them empty when it stops). Only
 * cgroups named like systemd units or sandbox leaves count: other software on the host makes and
 * removes cgroups of its own meanwhile.
 */
public final class HostFootprint implements AutoCloseable {
  private static final Pattern UNIT_LIKE =
      Pattern.compile(
          ".+\\.(slice|scope|service|socket|mount|swap|timer|path|target)$|"
              + Pattern.quote(CgroupLeaves.PREFIX)
              + ".*");
  private static final String CANARY = "workstation canary: must survive every sandbox\n";

  private final Path canary;
  private final Set<String> cgroups;

  private HostFootprint(Path canary, Set<String> cgroups) {
    this.canary = canary;
    this.cgroups = cgroups;
  }

  /** Plants the canary in {@code tmp} (the host's {@code /tmp}) and lists the cgroups. */
  public static HostFootprint before(Path tmp) throws IOException {
    Path canary = Files.createTempFile(tmp, "workstation-canary-", "");
    Files.writeString(canary, CANARY);
    return new HostFootprint(canary, unitLikeCgroups());
  }

  /** The canary this footprint planted. */
  public Path canary() {
    return canary;
  }

  /** What changed since {@link #before}, one line each; empty when the host is as it was. */
  public List<String> changes() throws IOException {
    List<String> out = new ArrayList<>();
    boolean alive =
        Files.isRegularFile(canary, LinkOption.NOFOLLOW_LINKS)
            && Files.readString(canary).equals(CANARY);
    if (!alive) {
      out.add("the canary " + canary + " in the host's /tmp is gone or changed");
    }
    Set<String> now = unitLikeCgroups();
    now.removeAll(cgroups);
    for (String c : now) {
      if (!ofAnotherLiveSandbox(c)) {
        out.add("a new cgroup on the host: " + c);
      }
    }
    return out;
  }

  /**
   * Whether {@code cgroup} is (in) the leaf of a systemd sandbox another process still runs: its
   * own business until it ends (leaves are named {@code PREFIX<pid>-…} after their maker).
   */
  static boolean ofAnotherLiveSandbox(String cgroup) {
    for (Path p = Path.of(cgroup); p != null && p.getFileName() != null; p = p.getParent()) {
      String name = p.getFileName().toString();
      if (name.startsWith(CgroupLeaves.PREFIX)) {
        String rest = name.substring(CgroupLeaves.PREFIX.length());
        int dash = rest.indexOf('-');
        try {
          long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
          return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isPresent();
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }

  /** Directories under {@code /sys/fs/cgroup} named like systemd units or sandbox leaves. */
  static Set<String> unitLikeCgroups() throws IOException {
    if (!Files.isDirectory(CgroupLeaves.ROOT)) {
      return new TreeSet<>();
    }
    for (int attempt = 1; ; attempt++) {
      Set<String> out = new TreeSet<>();
      try (Stream<Path> walk = Files.walk(CgroupLeaves.ROOT)) {
        walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
            .filter(p -> p.getFileName() != null)
            .filter(p -> UNIT_LIKE.matcher(p.getFileName().toString()).matches())
            .forEach(p -> out.add(p.toString()));
        return out;
      } catch (java.io.UncheckedIOException e) {
        // a cgroup was removed while the tree was walked: look again
        if (attempt == 5) {
          throw new IOException("the host's cgroup tree kept changing while it was listed", e);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(canary);
  }
}
