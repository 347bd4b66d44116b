package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One systemd sandbox at a time on a host: an exclusive {@code flock(2)} ({@link RunLock}) on a
 * file under the host's {@code /run/lock}. Each sandbox's systemd has cgroups of its own, but they
 * all share the host's network namespace — the per-user units' ports — so a second one waits, for a
 * bound, and then gives up saying who holds the lock. The kernel drops the lock when its holder
 * dies.
 */
final class SandboxLock implements AutoCloseable {
  static final Path HOST = Path.of("/run/lock/workstation-systemd-sandbox.lock");

  private final RunLock lock;
  private boolean closed;

  private SandboxLock(RunLock lock) {
    this.lock = lock;
  }

  /** The lock could not be had within the wait; the message names the holder. */
  static final class Busy extends Exception {
    Busy(String message) {
      super(message);
    }
  }

  /** Takes the lock at {@code file}, waiting at most {@code wait} for another sandbox to end. */
  static SandboxLock await(Path file, Duration wait) throws Busy {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        return new SandboxLock(RunLock.acquire(file));
      } catch (RunLock.HeldException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new Busy(
              "another systemd sandbox is running on this host ("
                  + describe(e.holder())
                  + ", lock "
                  + file
                  + "); waited "
                  + wait.toSeconds()
                  + " s for it — they share the host's network, so one runs at a time");
        }
      } catch (IOException e) {
        throw new Busy("cannot take the systemd sandbox lock " + file + ": " + e.getMessage());
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Busy("interrupted while waiting for another systemd sandbox to end");
      }
    }
  }

  /** "pid N" as the holder wrote it, with that process's command line when it is visible. */
  private static String describe(String holder) {
    if (!holder.matches("pid [0-9]+")) {
      return holder;
    }
    try {
      byte[] cmd = Files.readAllBytes(Path.of("/proc", holder.substring(4), "cmdline"));
      String line = new String(cmd, StandardCharsets.UTF_8).replace('\0', ' ').strip();
      return holder + ": " + dev.workstation.util.Inert.text(cut(line, 120));
    } catch (IOException e) {
      return holder;
    }
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  /** Releases the lock; a second call does nothing (the descriptor may be someone else's then). */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      lock.close();
    }
  }
}
