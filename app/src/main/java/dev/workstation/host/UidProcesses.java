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
 * holds their real uid). Zombies are already dead and are skipped.
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

  private UidProcesses() {}

  /** A live process of the user, and its parent. */
  record Proc(int pid, int ppid) {}

  /** Pids of live processes of {@code uid}, from {@code /proc}. */
  public static List<Integer> of(int uid) {
    return scan(uid).procs().stream().map(Proc::pid).toList();
  }

  /** One pass over {@code /proc}: the user's live processes, and whether any entry vanished. */
  record Scan(List<Proc> procs, boolean vanished) {
    boolean clean() {
      return procs.isEmpty() && !vanished;
    }
  }

  private static Scan scan(int uid) {
    List<Proc> out = new ArrayList<>();
    boolean vanished = false;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        try {
          Proc proc = ofUser(p, uid);
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

  /** The process at {@code proc} when it is a live one of {@code uid}; else null. */
  private static Proc ofUser(Path proc, int uid) throws IOException {
    boolean mine = false;
    int ppid = 0;
    for (String line : Files.readAllLines(proc.resolve("status"))) {
      if (line.startsWith("State:") && line.contains("Z")) {
        return null; // a zombie: dead, waiting for its parent
      } else if (line.startsWith("PPid:")) {
        ppid = Integer.parseInt(line.substring(5).strip());
      } else if (line.startsWith("Uid:")) {
        for (String id : line.substring(4).strip().split("\\s+")) {
          mine |= id.equals(Integer.toString(uid));
        }
      }
    }
    return mine ? new Proc(Integer.parseInt(proc.getFileName().toString()), ppid) : null;
  }

  /**
   * Stops, then kills, every process of {@code uid} until none is left or {@code bound} passes.
   *
   * @return the pids still alive at the end (empty when all are gone)
   */
  public static List<Integer> endAll(int uid, Duration bound) {
    if (uid == 0) {
      throw new IllegalArgumentException("refusing to end every process of root");
    }
    long deadline = System.nanoTime() + bound.toNanos();
    java.util.Set<Integer> parents = new java.util.TreeSet<>();
    Scan left = scan(uid);
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
      left = scan(uid);
      clean = left.clean() ? clean + 1 : 0;
    }
    for (int parent : parents) {
      if (parent > 1) {
        signal(parent, SIGCONT); // a watching su/runuser may have stopped itself: let it reap
      }
    }
    return left.procs().stream().map(Proc::pid).toList();
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
