package dev.workstation.account;

import dev.workstation.host.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** {@link Accounts} through the shadow-utils commands, run with an exact argv. */
public final class LinuxAccounts implements Accounts {
  private final ProcessRunner runner;

  public LinuxAccounts(ProcessRunner runner) {
    this.runner = runner;
  }

  @Override
  public void create(String user, String shell, Path home, OptionalInt uid) {
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
  public void lockPassword(String user) {
    runner.run(List.of("passwd", "--lock", user)).check();
  }

  @Override
  public void cut(String user) {
    runner.run(List.of("usermod", "--lock", user)).check();
    runner.run(List.of("chage", "--expiredate", "0", user)).check();
    endSessions(user);
  }

  @Override
  public void uncut(String user) {
    runner.run(List.of("chage", "--expiredate", "-1", user)).check();
  }

  @Override
  public void delete(String user) {
    endSessions(user);
    runner.run(List.of("userdel", "--remove", user)).check();
  }

  /** Ends every process of the user: logind's sessions where it runs, then any stragglers. */
  private void endSessions(String user) {
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/run/systemd/system"))) {
      runner.run(List.of("loginctl", "terminate-user", user)); // no session is fine
    }
    ProcessRunner.Result r = runner.run(List.of("pkill", "--signal", "KILL", "--uid", user));
    if (r.exitCode() > 1) { // 1 = nothing matched
      r.check();
    }
  }

  @Override
  public void addToGroups(String user, List<String> groups) {
    runner.run(List.of("usermod", "--append", "--groups", String.join(",", groups), user)).check();
  }
}
