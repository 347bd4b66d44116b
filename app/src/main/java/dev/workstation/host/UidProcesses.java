package dev.workstation.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every process of one uid, and ending them all — including one that forks continuously to hop
 * pids. A single {@code pkill} works from a snapshot and misses the child a process forked just
 * before it died. So each round freezes everything it finds (SIGSTOP: a stopped process cannot
 * fork), then kills it (SIGKILL), and the rounds go on until two scans in a row find nothing,
 * within a bound. A scan is clean only when no entry of {@code /proc} vanished while it was read:
 * the listing is a snapshot, and a hopper listed in it can fork a child the snapshot missed and
 * exit before its status is read — that scan looks empty, but is not. A process counts when any of
 * its real, effective, saved or filesystem uids is the user's (a setuid program they ran still
 * holds their real uid), or one of their subordinate uids (a rootless container). Zombies are dead
 * and are skipped — unless the zombie is only the leader and other threads of it still run.
 *
 * <p>Why the parents are watched at the end: {@code su}/{@code runuser} keep a root parent that
 * stops itself when it sees its child stopped (to pass the stop on to its caller). Once the child
 * is killed that parent must run again, reap it and exit — or it would sit stopped forever, holding
 * a zombie of the user. On a loaded box it may stop itself well after the kill, so each parent is
 * watched (and continued whenever found stopped) until it has reaped every child killed here, not
 * for a fixed moment.
 */
public final class UidProcesses {
  private static final int SIGKILL = 9;
  private static final int SIGSTOP = 19;
  private static final int SIGCONT = 18;

  /** How long parents are watched for reaping their killed children. */
  private static final Duration REAP_WATCH = Duration.ofSeconds(10);

  private UidProcesses() {}

  /** A live process of the user, and its parent. */
  record Proc(int pid, int ppid) {}

  /** Pids of live processes of {@code uid}, from {@code /proc}. */
  public static List<Integer> of(int uid) {
    return scan(List.of(new IdRange(uid, uid))).procs().stream().map(Proc::pid).toList();
  }

  /** One pass over {@code /proc}: the user's live processes, and whether any entry vanished. */
  record Scan(List<Proc> procs, boolean vanished) {
    boolean clean() {
      return procs.isEmpty() && !vanished;
    }
  }

  private static Scan scan(List<IdRange> uids) {
    List<Proc> out = new ArrayList<>();
    boolean vanished = false;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        try {
          Proc proc = ofUser(p, uids);
          if (proc != null) {
            out.add(proc);
          }
        } catch (IOException | RuntimeException e) {
          vanished = true; // gone while we looked: it may have forked first
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list /proc: " + e.getMessage(), e);
    }
    return new Scan(out, vanished);
  }

  /** The process at {@code proc} when it is a live one of {@code uids}; else null. */
  private static Proc ofUser(Path proc, List<IdRange> uids) throws IOException {
    boolean mine = false;
    boolean zombie = false;
    int ppid = 0;
    for (String line : Files.readAllLines(proc.resolve("status"))) {
      if (line.startsWith("State:")) {
        zombie = line.contains("Z");
      } else if (line.startsWith("PPid:")) {
        ppid = Integer.parseInt(line.substring(5).strip());
      } else if (line.startsWith("Uid:")) {
        for (String id : line.substring(4).strip().split("\\s+")) {
          long n = Long.parseLong(id);
          mine |= uids.stream().anyMatch(r -> r.contains(n));
        }
      }
    }
    if (!mine || (zombie && !liveThreads(proc))) {
      return null; // not the user's, or a zombie: dead, waiting for its parent
    }
    return new Proc(Integer.parseInt(proc.getFileName().toString()), ppid);
  }

  /**
   * Whether a process whose leader is a zombie still runs other threads: the leader's main thread
   * can exit while the rest of the process goes on, and a SIGKILL to the leader's pid ends them.
   */
  private static boolean liveThreads(Path proc) throws IOException {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        char state = state(task.resolve("stat"));
        if (state != 'Z' && state != 'X' && state != ' ') {
          return true; // a space: that thread is gone
        }
      }
    }
    return false;
  }

  /**
   * Stops, then kills, every process running as any uid of {@code uids} (the user's own and their
   * subordinate ones) until none is left or {@code bound} passes.
   *
   * @return the pids still alive at the end (empty when all are gone)
   */
  public static List<Integer> endAll(List<IdRange> uids, Duration bound) {
    if (uids.stream().anyMatch(r -> r.contains(0))) {
      throw new IllegalArgumentException("refusing to end every process of root");
    }
    long deadline = System.nanoTime() + bound.toNanos();
    Set<Proc> killed = new HashSet<>();
    Scan left = scan(uids);
    int clean = left.clean() ? 1 : 0;
    while (clean < 2 && System.nanoTime() < deadline) {
      for (Proc p : left.procs()) {
        killed.add(p);
        signal(p.pid(), SIGSTOP);
      }
      for (Proc p : left.procs()) {
        signal(p.pid(), SIGKILL);
      }
      pause();
      left = scan(uids);
      clean = left.clean() ? clean + 1 : 0;
    }
    List<Integer> survivors = left.procs().stream().map(Proc::pid).toList();
    killed.removeIf(p -> survivors.contains(p.pid()));
    letParentsReap(killed);
    return survivors;
  }

  /**
   * Lets watching parents run again: a {@code su}/{@code runuser} that saw its child stopped stops
   * itself — at once, or seconds later on a loaded box, maybe after a first SIGCONT. So until each
   * killed process is reaped (or {@link #REAP_WATCH} passes), its parent gets a SIGCONT whenever it
   * is found stopped. Init (pid 1) reaps on its own.
   */
  private static void letParentsReap(Set<Proc> killed) {
    killed.removeIf(p -> p.ppid() <= 1);
    long until = System.nanoTime() + REAP_WATCH.toNanos();
    while (System.nanoTime() < until) {
      killed.removeIf(p -> !unreaped(p));
      if (killed.isEmpty()) {
        return;
      }
      killed.stream()
          .map(Proc::ppid)
          .distinct()
          .filter(parent -> state(parent) == 'T')
          .forEach(parent -> signal(parent, SIGCONT));
      pause();
    }
  }

  /** Whether {@code p} is still a zombie waiting for the same parent (its pid not yet reused). */
  private static boolean unreaped(Proc p) {
    String[] fields = statFields(Path.of("/proc", Integer.toString(p.pid()), "stat"));
    return fields.length > 1
        && fields[0].equals("Z")
        && fields[1].equals(Integer.toString(p.ppid()));
  }

  /** The one-letter state of a process ({@code T} when stopped), or a space when it is gone. */
  private static char state(int pid) {
    return state(Path.of("/proc", Integer.toString(pid), "stat"));
  }

  /** The state letter in a {@code stat} file of {@code /proc}, or a space when it is gone. */
  private static char state(Path statFile) {
    String[] fields = statFields(statFile);
    return fields.length > 0 && !fields[0].isEmpty() ? fields[0].charAt(0) : ' ';
  }

  /**
   * The fields of a {@code stat} file after the command name (state, ppid, …), or none when the
   * process is gone. The name is skipped by its last {@code ')'}, since it may hold spaces and
   * parentheses.
   */
  private static String[] statFields(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return new String[0];
    }
  }

  private static void signal(int pid, int sig) {
    try {
      Libc.C.kill(pid, sig);
    } catch (LastErrorException e) {
      // ESRCH: it is gone already
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
