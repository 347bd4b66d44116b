package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.2: ending a user's sessions ends every process of the user, including one that forks
 * continuously to hop pids (which survives a single {@code pkill}). Without systemd in the sandbox
 * this is the bounded stop-and-kill loop; afterwards {@code --destroy} can delete the account.
 */
class SessionEndIT extends SiteTest {

  /** Each generation starts the next and exits at once: the pid never stays put. */
  static final String HOPPER = "#!/bin/sh\n\"$0\" &\n";

  /** A parent that keeps forking children that stay. */
  static final String BREEDER = "#!/bin/sh\nwhile :; do sleep 300 & sleep 0.01; done\n";

  /**
   * The main thread ends with a raw exit(2) (not exit_group), so the leader is a zombie while the
   * second thread runs on: {@code /proc} shows the process as "State: Z".
   */
  static String zombieLeader(int sysExit) {
    return "use threads;\n"
        + "threads->create(sub { while (1) { sleep 1 } })->detach;\n"
        + "select(undef, undef, undef, 0.2);\n"
        + "syscall("
        + sysExit
        + ", 0);\n";
  }

  static final String USERS =
      "users:\n"
          + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
          + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n";

  static final String EMO_CUT =
      "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n";

  @Test
  void a_cut_ends_a_process_whose_leader_is_a_zombie_and_one_under_a_subordinate_uid()
      throws Exception {
    int sysExit =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> 60;
          case "aarch64" -> 93;
          default -> -1;
        };
    org.junit.jupiter.api.Assumptions.assumeTrue(sysExit > 0, "exit(2)'s number on this arch");
    site.configure("");
    roster.commitRoster(USERS);
    site.ws("reconcile").ok();
    box.write("/home/emo/zl.pl", zombieLeader(sysExit), "644");
    box.startSession(List.of("runuser", "-u", "emo", "--", "perl", "/home/emo/zl.pl"));
    // a rootless container's process runs as one of emo's subordinate uids (newuidmap maps
    // them); root starts one the same way here
    String sub =
        box.sh(
                "grep -q '^emo:' /etc/subuid || echo emo:300000:65536 >> /etc/subuid;"
                    + " awk -F: '$1==\"emo\" {print $2+7; exit}' /etc/subuid")
            .out()
            .strip();
    box.startSession(
        List.of("setpriv", "--reuid=" + sub, "--regid=" + sub, "--clear-groups", "sleep", "600"));
    String emo = box.sh("id -u emo").out().strip();
    List<String> threads =
        Poll.until(Duration.ofSeconds(10), () -> threadsOf(box, emo, sub), t -> ready(t, emo, sub));
    // the leader is a zombie with a live thread; the subordinate process runs
    assertTrue(ready(threads, emo, sub), String.join("\n", threads));

    roster.commitRoster(EMO_CUT);
    Sandbox.Result cut = site.ws("reconcile");
    assertEquals(0, cut.code(), cut.both());
    // zombies are dead: their parents (runuser, nsenter) reap them when they next run
    List<String> left = threadsOf(box, emo, sub);
    assertEquals(
        List.of(),
        left.stream().filter(l -> !l.matches("\\S+ +Z.*")).toList(),
        "live threads of emo left after the cut");
  }

  /** "uid stat command" of every thread running as {@code uid} or {@code sub}. */
  static List<String> threadsOf(Sandbox box, String uid, String sub) {
    return box.exec("ps", "-eLo", "uid=,stat=,comm=")
        .out()
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith(uid + " ") || l.startsWith(sub + " "))
        .toList();
  }

  static boolean ready(List<String> threads, String emo, String sub) {
    return threads.stream().anyMatch(l -> l.matches(emo + " +Z.*"))
        && threads.stream().anyMatch(l -> l.matches(emo + " +S.*"))
        && threads.stream().anyMatch(l -> l.startsWith(sub + " "));
  }

  /**
   * A root parent that watches its child as {@code runuser} does, but slowly (as on a loaded box):
   * it notices the child stopped or dead without reaping it, stops itself 1.5 s later, and reaps
   * the child only once it runs again.
   */
  static String slowWatcher(String uid) {
    return "my $pid = fork();\n"
        + "if ($pid == 0) { exec('setpriv', '--reuid="
        + uid
        + "', '--regid="
        + uid
        + "', '--clear-groups', 'sleep', '600'); exit 127; }\n"
        + "while (1) {\n"
        + "  open(my $f, '<', \"/proc/$pid/stat\") or last;\n"
        + "  my $s = <$f>; close($f);\n"
        + "  last if $s =~ /\\) [TZ] /;\n"
        + "  select(undef, undef, undef, 0.05);\n"
        + "}\n"
        + "select(undef, undef, undef, 1.5);\n"
        + "kill('STOP', $$);\n"
        + "waitpid($pid, 0);\n"
        + "exit 0;\n";
  }

  @Test
  void a_root_parent_that_stops_itself_late_after_the_cut_is_resumed_and_reaps_its_child()
      throws Exception {
    site.configure("");
    roster.commitRoster(USERS);
    site.ws("reconcile").ok();
    String emo = box.sh("id -u emo").out().strip();
    box.write("/etc/slow-watcher.pl", slowWatcher(emo), "644");
    Process watcher = box.startSession(List.of("perl", "/etc/slow-watcher.pl"));
    Poll.until(
        Duration.ofSeconds(10),
        "the watcher's child runs as emo",
        () -> box.exec("pgrep", "-u", "emo", "sleep").code() == 0);

    roster.commitRoster(EMO_CUT);
    Sandbox.Result cut = site.ws("reconcile");
    assertEquals(0, cut.code(), cut.both());
    assertTrue(
        watcher.waitFor(20, TimeUnit.SECONDS),
        "the watching parent was left stopped with emo's zombie:\n"
            + box.exec("ps", "-eo", "pid,ppid,stat,user,comm").out());
  }

  @Test
  void a_cut_ends_a_process_that_keeps_forking_which_a_single_pkill_misses() throws Exception {
    site.configure("");
    roster.commitRoster(
        "users:\n"
            + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
            + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n");
    site.ws("reconcile").ok();
    box.write("/home/emo/hop.sh", HOPPER, "755");
    box.write("/home/emo/breed.sh", BREEDER, "755");
    box.exec("chown", "emo:", "/home/emo/hop.sh", "/home/emo/breed.sh").ok();
    box.startSession(List.of("runuser", "-u", "emo", "--", "/home/emo/hop.sh"));
    box.startSession(List.of("runuser", "-u", "emo", "--", "/home/emo/breed.sh"));
    box.exec(
            "sh",
            "-c",
            "for i in $(seq 50); do pgrep -u emo -f hop.sh >/dev/null && exit 0; sleep 0.1; done;"
                + " exit 1")
        .ok(); // the hopper runs

    roster.commitRoster(
        "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n");
    Sandbox.Result cut = site.ws("reconcile");
    assertEquals(0, cut.code(), cut.both());
    assertTrue(cut.out().contains("user=emo action=cut-user result=applied"), cut.out());
    // the watching runuser parents reap their killed children a moment later
    Sandbox.Result left =
        Poll.until(
            Duration.ofSeconds(10), () -> box.exec("pgrep", "-a", "-u", "emo"), r -> r.code() != 0);
    assertEquals(1, left.code(), "processes of emo left after the cut:\n" + left.out());

    Sandbox.Result destroy = site.ws("offboard", "emo", "--destroy", "--yes");
    assertEquals(0, destroy.code(), destroy.both());
    assertEquals(2, box.exec("getent", "passwd", "emo").code(), "emo's account is gone");
  }
}
