package dev.workstation.account;

import dev.workstation.host.IdRange;
import dev.workstation.host.Nss;
import dev.workstation.host.ProcessRunner;
import dev.workstation.host.UidProcesses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@link Accounts} through the shadow-utils commands, run with an exact argv. Calls are serialized:
 * users' lanes run in parallel, and the shadow tools lock the account database with one-second
 * retries, so two at once would only wait on each other — slower, and a failure after 15 tries.
 */
public final class LinuxAccounts implements Accounts {
  private final ProcessRunner runner;

  public LinuxAccounts(ProcessRunner runner) {
    this.runner = runner;
  }

  @Override
  public synchronized void create(String user, String shell, Path home, OptionalInt uid) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "useradd",
                "--create-home",
                "--shell",
                shell,
                "--home-dir",
                home.toString(),
                "--user-group"));
    uid.ifPresent(u -> argv.addAll(List.of("--uid", Integer.toString(u))));
    argv.add("--");
    argv.add(user);
    runner.run(argv).check();
  }

  @Override
  public synchronized void lockPassword(String user) {
    runner.run(List.of("passwd", "--lock", user)).check();
  }

  @Override
  public synchronized void cut(String user) {
    runner.run(List.of("usermod", "--lock", user)).check();
    runner.run(List.of("chage", "--expiredate", "0", user)).check();
    endSessions(user);
  }

  @Override
  public synchronized void uncut(String user) {
    runner.run(List.of("chage", "--expiredate", "-1", user)).check();
  }

  @Override
  public synchronized void delete(String user) {
    endSessions(user);
    runner.run(List.of("userdel", "--remove", user)).check();
  }

  /**
   * Ends every process of the user, under their own uid or a subordinate one. Where systemd runs:
   * logind's sessions ({@code loginctl terminate-user}) and everything in the user's slice ({@code
   * systemctl kill}), then — there and everywhere else — the stop-and-kill rounds of {@link
   * UidProcesses} until none is left. A survivor (say, a process stuck in the kernel) is reported;
   * the caller has already locked and expired the account, so it cannot come back.
   */
  private void endSessions(String user) {
    int uid =
        Nss.user(user)
            .orElseThrow(() -> new IllegalStateException("no account " + user + " to end"))
            .uid();
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/run/systemd/system"))) {
      runner.run(List.of("loginctl", "terminate-user", user)); // no session is fine
      awaitLogout(uid);
      runner.run(
          List.of("systemctl", "kill", "--signal=SIGKILL", "user-" + uid + ".slice")); // nor slice
    }
    List<IdRange> uids = new ArrayList<>(List.of(new IdRange(uid, uid)));
    try {
      uids.addAll(IdRange.subordinateUids(Path.of("/etc/subuid"), user, uid));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read /etc/subuid: " + e.getMessage(), e);
    }
    List<Integer> survivors = UidProcesses.endAll(uids, END_BOUND);
    if (!survivors.isEmpty()) {
      throw new IllegalStateException(
          survivors.size()
              + " process(es) of "
              + user
              + " survived "
              + END_BOUND.toSeconds()
              + "s of stop-and-kill rounds (pids "
              + survivors
              + "); the account is locked and expired — check them with ps -u "
              + user);
    }
  }

  static final java.time.Duration END_BOUND = java.time.Duration.ofSeconds(10);

  /** How long logind may take to stop a user's sessions and manager before the rest is killed. */
  static final java.time.Duration LOGOUT_BOUND = java.time.Duration.ofSeconds(10);

  /**
   * Waits, within {@link #LOGOUT_BOUND}, until logind has no session of {@code uid} left and the
   * user's manager ({@code user@UID.service}) has stopped: {@code terminate-user} only queues their
   * stop jobs, and killing the user's slice at once would cut that clean stop short (the user's own
   * services would get SIGKILL instead of their stop).
   */
  private void awaitLogout(int uid) {
    long deadline = System.nanoTime() + LOGOUT_BOUND.toNanos();
    while (System.nanoTime() - deadline < 0) {
      String manager =
          runner
              .run(
                  List.of(
                      "systemctl",
                      "show",
                      "-p",
                      "ActiveState",
                      "--value",
                      "user@" + uid + ".service"))
              .stdout()
              .strip();
      ProcessRunner.Result sessions =
          runner.run(
              List.of("loginctl", "show-user", Integer.toString(uid), "-p", "Sessions", "--value"));
      boolean none = sessions.exitCode() != 0 || sessions.stdout().isBlank();
      if (none && (manager.equals("inactive") || manager.equals("failed") || manager.isEmpty())) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public synchronized void addToGroups(String user, List<String> groups) {
    runner.run(List.of("usermod", "--append", "--groups", String.join(",", groups), user)).check();
  }
}
