package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The kernel's tables about cgroups, read for {@link CgroupLeaves}: the cgroup filesystems mounted
 * under {@code /sys/fs/cgroup} ({@code /proc/self/mountinfo}), the v1 controllers the kernel has
 * ({@code /proc/cgroups}) and where this process sits in each hierarchy ({@code
 * /proc/self/cgroup}).
 */
final class CgroupTables {
  private CgroupTables() {}

  /** A cgroup filesystem mounted at {@code mountPoint}, with its superblock options. */
  record Mount(Path mountPoint, String type, List<String> options) {
    /** The options that name a v1 hierarchy: its controllers and {@code name=}, sorted. */
    String hierarchy(Set<String> controllers) {
      return options.stream()
          .filter(o -> controllers.contains(o) || o.startsWith("name="))
          .sorted()
          .collect(Collectors.joining(","));
    }
  }

  static List<Mount> mounts() throws IOException {
    List<Mount> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
      int dash = line.indexOf(" - ");
      if (dash < 0) {
        continue;
      }
      String[] pre = line.substring(0, dash).split(" ");
      String[] post = line.substring(dash + 3).split(" ");
      if (pre.length < 5 || post.length < 3) {
        continue;
      }
      Path mp = Path.of(unescape(pre[4]));
      boolean cgroup = post[0].equals("cgroup") || post[0].equals("cgroup2");
      if (cgroup && mp.startsWith(CgroupLeaves.ROOT) && pre[3].equals("/")) {
        out.add(new Mount(mp, post[0], Arrays.asList(post[2].split(","))));
      }
    }
    return out;
  }

  /** The v1 controllers the kernel knows ({@code /proc/cgroups}). */
  static Set<String> controllers() throws IOException {
    Set<String> out = new HashSet<>();
    for (String line : Files.readAllLines(Path.of("/proc/cgroups"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("#") && !line.isBlank()) {
        out.add(line.split("\\s+")[0]);
      }
    }
    return out;
  }

  /**
   * This process's path in the hierarchy a mount shows, from {@code /proc/self/cgroup} ({@code
   * ID:CONTROLLERS:PATH}; cgroup2 is {@code 0::PATH}); null when it has no line for it.
   */
  static String ownPath(List<String> procSelfCgroup, String type, String hierarchy) {
    Set<String> wanted = new TreeSet<>(Arrays.asList(hierarchy.split(",")));
    for (String line : procSelfCgroup) {
      String[] f = line.split(":", 3);
      if (f.length < 3) {
        continue;
      }
      boolean match =
          type.equals("cgroup2")
              ? f[0].equals("0") && f[1].isEmpty()
              : !f[1].isEmpty() && new TreeSet<>(Arrays.asList(f[1].split(","))).equals(wanted);
      if (match) {
        return f[2];
      }
    }
    return null;
  }

  /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
