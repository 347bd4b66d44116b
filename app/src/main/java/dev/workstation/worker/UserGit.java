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
 * capabilities, no new privileges, a clean environment, cwd the home, umask 077, a timeout that
 * ends every process it started (a session of its own, killed as a group); the arguments are ids
 * and ref names we chose, never a secret and never a path of root's (a bundle comes in on standard
 * input; {@link UserWorker#confined}): another user reads argv in {@code /proc}. Git reads only the
 * clone's own config (no system or global file, as JGit's isolated config), runs no hooks and no
 * filesystem monitor, and looks for the repository in the clone's directory only (never a
 * parent's), so a freshen behaves the same as the JGit path and stays bounded.
 */
public final class UserGit {
  /** The settings every git run here carries on its command line. */
  static final List<String> SETTINGS =
      List.of(
          "-c",
          "core.hooksPath=/dev/null",
          "-c",
          "core.fsmonitor=false",
          "-c",
          "gc.auto=0",
          "-c",
          "maintenance.auto=false",
          "-c",
          "fetch.writeCommitGraph=false");

  /** What we read of a run's output: ids, counts, ref lists; a flood is the user's, not ours. */
  static final int MAX_STDOUT = 8 << 20;

  static final int MAX_STDERR = 64 << 10;

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

  /** {@code git ARGS} as the user, in {@code repo}; the result whatever the exit code. */
  public ProcessRunner.Result run(Path repo, String... args) {
    Duration bound = deadline.cap(timeout);
    return new ProcessRunner(bound)
        .bounded(MAX_STDOUT, MAX_STDERR)
        .asGroup()
        .run(argv(repo, args), (byte[]) null, bound);
  }

  /**
   * {@code sh -c SCRIPT} as the user, in {@code repo}, with {@code args} as its positional
   * parameters and {@code stdin} (opened here, as root; may be null) as its standard input; the
   * shell function {@code g} runs git as {@link #run} does. For a few steps in one process instead
   * of one each.
   */
  public ProcessRunner.Result script(Path repo, Path stdin, String script, List<String> args) {
    Duration bound = deadline.cap(timeout);
    List<String> argv = new ArrayList<>(prefix(repo));
    argv.addAll(
        List.of(
            "/bin/sh",
            "-c",
            "g() { git " + String.join(" ", SETTINGS) + " \"$@\"; }\n" + script,
            "workstation-freshen"));
    argv.addAll(args);
    // the script's gits are the shell's children: an overrun ends them all, not the shell alone
    ProcessRunner runner = new ProcessRunner(bound).bounded(MAX_STDOUT, MAX_STDERR).asGroup();
    return stdin == null
        ? runner.run(argv, (byte[]) null, bound)
        : runner.runFrom(stdin, argv, bound);
  }

  List<String> argv(Path repo, String... args) {
    List<String> argv = new ArrayList<>(prefix(repo));
    argv.add("git");
    argv.addAll(SETTINGS);
    argv.addAll(List.of(args));
    return argv;
  }

  /**
   * setpriv's drop, {@code cd} to the clone, and a clean environment in which git stops looking for
   * a repository at the clone's own directory (a clone moved away mid-run is then an error, never a
   * parent's repository).
   */
  private List<String> prefix(Path repo) {
    List<String> argv = new ArrayList<>(UserWorker.confined(uid, gid, repo.toString()));
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
            "GIT_CEILING_DIRECTORIES=" + repo.getParent()));
    return argv;
  }
}
