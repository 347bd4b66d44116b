package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The TCP sockets listening on this host, from the kernel's tables ({@code /proc/net/tcp} and
 * {@code tcp6}: port, owner uid, socket inode), and the processes that hold them (the {@code
 * socket:[inode]} links under {@code /proc/PID/fd}, which root can read for every process).
 */
public final class TcpListeners {
  private static final String LISTEN = "0A";

  private TcpListeners() {}

  /** A listening socket: its port, the uid that made it, its inode. */
  public record Listener(int port, int uid, long inode) {}

  /** Every listening TCP socket (IPv4 and IPv6). */
  public static List<Listener> all() throws IOException {
    List<Listener> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (Files.isReadable(p)) {
        parse(Files.readAllLines(p, StandardCharsets.US_ASCII), out);
      }
    }
    return out;
  }

  /** Reads one table: {@code sl local rem st tx:rx tr:when retrnsmt uid timeout inode …}. */
  static void parse(List<String> lines, List<Listener> out) {
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[3].equals(LISTEN)) {
        continue;
      }
      int colon = f[1].lastIndexOf(':');
      try {
        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
        out.add(new Listener(port, Integer.parseInt(f[7]), Long.parseLong(f[9])));
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        // a line of another shape: not a socket we can name
      }
    }
  }

  /** Whether any socket listens on {@code port}. */
  public static boolean taken(int port) throws IOException {
    return all().stream().anyMatch(l -> l.port() == port);
  }

  /** inode → pid of a process holding it, for those of {@code inodes} a visible process holds. */
  public static Map<Long, Long> holders(Set<Long> inodes) throws IOException {
    Map<Long, Long> out = new HashMap<>();
    if (inodes.isEmpty()) {
      return out;
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
              long inode = Long.parseLong(target.substring(8, target.length() - 1));
              if (inodes.contains(inode)) {
                out.putIfAbsent(inode, pid);
              }
            }
          }
        } catch (IOException | NumberFormatException e) {
          // the process ended, or one fd went away while we looked: skip it
        }
      }
    }
    return out;
  }

  /**
   * The cgroup path of {@code pid} in systemd's own hierarchy (cgroup2, or v1's {@code
   * name=systemd}), e.g. {@code /system.slice/system-t3\x2dserve.slice/t3-serve@emo.service}.
   */
  public static Optional<String> cgroup(long pid) {
    try {
      String v2 = null;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
        String[] f = line.split(":", 3);
        if (f.length == 3 && f[1].equals("name=systemd")) {
          return Optional.of(f[2]);
        }
        if (f.length == 3 && f[0].equals("0") && f[1].isEmpty()) {
          v2 = f[2];
        }
      }
      return Optional.ofNullable(v2);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The short name of {@code pid}'s program ({@code /proc/PID/comm}), escaped for output. */
  public static String comm(long pid) {
    try {
      return dev.workstation.util.Inert.text(
          Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip());
    } catch (IOException e) {
      return "?";
    }
  }
}
