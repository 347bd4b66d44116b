package dev.workstation.worker;

import dev.workstation.host.ProcessRunner;
import dev.workstation.util.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Git, run as one user inside their home for the few steps of a freshen that change a clone (fetch
 * from a bundle, fast-forward) — a process as light as the steps themselves, where a worker JVM
 * would cost more than the work. It runs the way a worker runs: the user's uid, gid and groups, no
 * capabilities, no new privileges, a clean environment, cwd the home, umask 077, a timeout; the
 * arguments are ids, ref names and paths we chose, never a secret ({@link UserWorker#confined}).
 * Git reads only the clone's own config (no system or global file, as JGit's isolated config), and
 * runs no hooks and no filesystem monitor, so a freshen behaves the same as the JGit path and stays
 * bounded.
 */
public final class UserGit {
  private final int uid;
  private final int gid;
  private final Path home;
  private final Duration timeout;
  private final Deadline deadline;

  /** Each command bounded by {@code timeout}, and all of them by {@code deadline}. */
  public UserGit(int uid, int gid, Path home, Duration timeout, Deadline deadline) {
    this.uid = uid;
    this.gid = gid;
    this.home = home;
    this.timeout = timeout;
    this.deadline = deadline;
  }

  /** {@code git -C repo ARGS} as the user; the result whatever the exit code. */
  public ProcessRunner.Result run(Path repo, String... args) {
    Duration bound = deadline.cap(timeout);
    return new ProcessRunner(bound).run(argv(repo, args), null, bound);
  }

  List<String> argv(Path repo, String... args) {
    List<String> argv = new ArrayList<>(UserWorker.confined(uid, gid, home.toString()));
    argv.addAll(
        List.of(
            "env",
            "-i",
            "HOME=" + home,
            "PATH=/usr/bin:/bin",
            "LC_ALL=C",
            "GIT_CONFIG_NOSYSTEM=1",
            "GIT_CONFIG_GLOBAL=/dev/null",
            "GIT_TERMINAL_PROMPT=0",
            "git",
            "-C",
            repo.toString(),
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "gc.auto=0",
            "-c",
            "maintenance.auto=false",
            "-c",
            "fetch.writeCommitGraph=false"));
    argv.addAll(List.of(args));
    return argv;
  }
}
