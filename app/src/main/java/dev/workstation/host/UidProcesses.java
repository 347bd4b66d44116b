package dev.workstation.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * <p>Why the parents get a SIGCONT at the end: {@code su}/{@code runuser} keep a root parent that
 * stops itself when its child is stopped (to pass the stop on to its caller). Once the child is
 * killed that parent must run again, reap it and exit — or it would sit stopped forever, holding a
 * zombie of the user.
 */
public final class UidProcesses {
  private static final int SIGKILL = 9;
  private static final int SIGSTOP = 19;
  private static final int SIGCONT = 18;
  private static final Duration RESUME_WATCH = Duration.ofSeconds(1);

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
        try {
          String stat = Files.readString(task.resolve("stat"));
          char state = stat.charAt(stat.lastIndexOf(')') + 2);
          if (state != 'Z' && state != 'X') {
            return true;
          }
        } catch (IOException | RuntimeException e) {
          // that thread is gone
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
    java.util.Set<Integer> parents = new java.util.TreeSet<>();
    Scan left = scan(uids);
    int clean = left.clean() ? 1 : 0;
    while (clean < 2 && System.nanoTime() < deadline) {
      for (Proc p : left.procs()) {
        parents.add(p.ppid());
        signal(p.pid(), SIGSTOP);
      }
      for (Proc p : left.procs()) {
        signal(p.pid(), SIGKILL);
      }
      pause();
      left = scan(uids);
      clean = left.clean() ? clean + 1 : 0;
    }
    resume(parents);
    return left.procs().stream().map(Proc::pid).toList();
  }

  /**
   * Lets watching parents run again: a {@code su}/{@code runuser} that saw its child stopped stops
   * itself a moment later, maybe after a first SIGCONT — so for a short while any of them found
   * stopped gets another.
   */
  private static void resume(java.util.Set<Integer> parents) {
    parents.removeIf(p -> p <= 1);
    long until = System.nanoTime() + RESUME_WATCH.toNanos();
    do {
      for (int parent : parents) {
        if (stopped(parent)) {
          signal(parent, SIGCONT);
        }
      }
      pause();
    } while (!parents.isEmpty() && System.nanoTime() < until);
  }

  private static boolean stopped(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'T';
    } catch (IOException | RuntimeException e) {
      return false; // gone
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
