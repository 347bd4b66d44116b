package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containment (SPEC §6.11) against a real systemd (one sandbox for the class, each test with its
 * own site and users): the tier's cap on a user's slice, the pane policy on a transient scope of
 * their manager, the kernel killing a hog at the pane cap while its sibling and scope live on, a
 * fork bomb stopped at TasksMax, and a converged host neither rewritten nor reloaded.
 *
 * <p>This machine's cgroups are v1 hybrid: a user manager's scopes get no memory cgroup of their
 * own there, so the kernel side of the pane cap is shown on a system-level scope in the user's
 * slice carrying the pane drop-in's own values (docs/testing.md says what a v2 host adds).
 * Allocations are bounded by work (at most 512 MiB, far above the caps), never by time.
 */
class ContainmentIT {
  static Sandbox box;

  static final String CAPS =
      "containment:\n"
          + "  user_memory_max: {admin: 512M, power-user: 256M, namespace-owner: 128M}\n"
          + "  user_swap_max: 0\n"
          + "  user_tasks_max: 64\n"
          + "  pane_memory_max: PANE\n"
          + "  overcommit: 1.5\n";

  @BeforeAll
  static void boot() throws Exception {
    box = Sandbox.systemd();
  }

  @AfterAll
  static void close() throws Exception {
    if (box != null) {
      box.close();
    }
  }

  /** A site of its own: roster repo, state dir, metrics dir, the caps with {@code pane}. */
  record TestSite(RosterRepo roster, Path config, String name) {
    static TestSite create(String name, String pane) throws Exception {
      Path dir = Files.createDirectories(box.dir().resolve(name));
      RosterRepo roster = RosterRepo.create(dir);
      Path config = dir.resolve("workstation.yaml");
      TestSite site = new TestSite(roster, config, name);
      site.caps(pane);
      box.sh("chmod -R a+rX " + dir).ok();
      return site;
    }

    void caps(String pane) throws Exception {
      Files.writeString(
          config,
          "roster: {url: "
              + roster.origin()
              + ", branch: master, path: "
              + RosterRepo.PATH
              + "}\nstate_dir: /var/lib/workstation-"
              + name
              + "\nhome_root: /home\nmetrics: {textfile_dir: /var/lib/metrics-"
              + name
              + "}\n"
              + CAPS.replace("PANE", pane));
    }

    Sandbox.Result ws(String... args) {
      return box.ws(config.toString(), args);
    }
  }

  static String user(String name, String tier) {
    return "  "
        + name
        + ": {authentik_user: "
        + name
        + ", k8s_user: "
        + name
        + ", tier: "
        + tier
        + (tier.equals("namespace-owner") ? ", namespaces: [" + name + "]" : "")
        + "}\n";
  }

  static int uid(String user) {
    return Integer.parseInt(box.exec("id", "-u", user).ok().out().strip());
  }

  static String show(String unit, String property) {
    return box.systemctl("show", "-p", property, "--value", unit).ok().out().strip();
  }

  /** How many times the manager of {@code pid} has reloaded, as the journal has it. */
  static long reloads(String pid) {
    box.exec("journalctl", "--sync").ok();
    return box.exec("journalctl", "--no-pager", "-o", "cat", "_PID=" + pid)
        .out()
        .lines()
        .filter("Reloading."::equals)
        .count();
  }

  static String slice(int uid) {
    return "user-" + uid + ".slice";
  }

  @Test
  void a_reload_that_failed_is_planned_by_every_run_until_one_succeeds() throws Exception {
    TestSite site = TestSite.create("reload", "64M");
    site.roster().commitRoster("users:\n" + user("rui", "power-user"));
    // systemctl cannot reach PID 1 as the run ends: its private socket (and any system bus) hidden
    String hide =
        "for s in /run/systemd/private /run/dbus/system_bus_socket; do"
            + " [ -e $s ] && mount --bind /dev/null $s; done; true";
    box.sh(hide).ok();
    Sandbox.Result failed;
    try {
      failed = site.ws("reconcile");
    } finally {
      box.sh("umount /run/systemd/private; umount /run/dbus/system_bus_socket; true").ok();
    }
    assertEquals(1, failed.code(), failed.both());
    assertTrue(failed.out().contains("action=daemon-reload result=failed"), failed.out());
    String dropIn = "/etc/systemd/system/" + slice(uid("rui")) + ".d/50-workstation.conf";
    assertEquals(0, box.exec("test", "-f", dropIn).code(), "the drop-in was written");

    Sandbox.Result plan = site.ws("plan");
    assertTrue(
        plan.out()
            .contains(
                "reload systemd and the running user managers (the last one planned did not"
                    + " succeed)"),
        plan.both());
    long before = reloads("1");
    Sandbox.Result retried = site.ws("reconcile");
    assertEquals(0, retried.code(), retried.both());
    assertFalse(retried.out().contains("action=write-file"), "written already:\n" + retried.out());
    assertTrue(retried.out().contains("action=daemon-reload result=applied"), retried.out());
    assertEquals(before + 1, reloads("1"), "the retry reloaded systemd");
    Sandbox.Result third = site.ws("reconcile");
    assertFalse(third.out().contains("action="), "nothing pending:\n" + third.out());
  }

  @Test
  void a_users_slice_shows_the_tiers_cap_and_a_second_reconcile_writes_and_reloads_nothing()
      throws Exception {
    TestSite site = TestSite.create("slice", "64M");
    site.roster()
        .commitRoster("users:\n" + user("ada", "power-user") + user("noa", "namespace-owner"));
    long before = reloads("1");
    Sandbox.Result first = site.ws("reconcile");
    assertEquals(0, first.code(), first.both());
    int ada = uid("ada");
    String dropIn = "/etc/systemd/system/" + slice(ada) + ".d/50-workstation.conf";
    assertTrue(
        first.out().contains("user=ada action=write-file path=" + dropIn + " result=applied"),
        first.out());
    assertTrue(first.out().contains("action=daemon-reload result=applied"), first.out());
    assertTrue(reloads("1") > before, "the first run reloaded systemd");
    assertEquals("268435456", show(slice(ada), "MemoryMax"), "power-user: 256M");
    assertEquals("0", show(slice(ada), "MemorySwapMax"));
    assertEquals("64", show(slice(ada), "TasksMax"));
    assertEquals("infinity", show(slice(ada), "MemoryHigh"), "never MemoryHigh");
    assertEquals("134217728", show(slice(uid("noa")), "MemoryMax"), "namespace-owner: 128M");
    assertEquals("644 0 0", box.exec("stat", "-c", "%a %u %g", dropIn).ok().out().strip());

    String files = box.fingerprint("/etc/systemd/system", "/etc/systemd/user");
    long reloaded = reloads("1");
    Sandbox.Result second = site.ws("reconcile");
    assertEquals(0, second.code(), second.both());
    assertFalse(second.out().contains("action="), "nothing to do:\n" + second.out());
    assertEquals(files, box.fingerprint("/etc/systemd/system", "/etc/systemd/user"));
    assertEquals(reloaded, reloads("1"), "the second run did not reload systemd");
    assertEquals(0, site.ws("plan").code());
  }

  @Test
  void the_pane_policy_reaches_a_transient_scope_of_the_users_manager_reloaded_after_a_change()
      throws Exception {
    TestSite site = TestSite.create("pane", "64M");
    site.roster().commitRoster("users:\n" + user("pia", "power-user"));
    site.ws("reconcile").ok();
    int pia = uid("pia");
    box.exec("loginctl", "enable-linger", "pia").ok();
    Poll.until(
        Duration.ofSeconds(60),
        "pia's lingering user manager runs",
        () -> show("user@" + pia + ".service", "ActiveState").equals("active"));
    String manager = show("user@" + pia + ".service", "MainPID");
    long before = reloads(manager);

    site.caps("96M");
    Sandbox.Result change = site.ws("reconcile");
    assertEquals(0, change.code(), change.both());
    assertTrue(
        change
            .out()
            .contains(
                "action=write-file path=/etc/systemd/user/scope.d/50-workstation-pane.conf"
                    + " result=applied"),
        change.out());
    assertEquals(before + 1, reloads(manager), "pia's running manager was reloaded");

    // as tmux does for a pane: a transient scope of pia's own manager, which shows its own
    // properties while it runs
    Sandbox.Result scope =
        box.exec(
            "runuser",
            "-u",
            "pia",
            "--",
            "env",
            "XDG_RUNTIME_DIR=/run/user/" + pia,
            "systemd-run",
            "--user",
            "--scope",
            "--unit=pane-1",
            "--",
            "systemctl",
            "--user",
            "show",
            "pane-1.scope",
            "-p",
            "MemoryMax",
            "-p",
            "OOMPolicy",
            "-p",
            "DropInPaths");
    assertEquals(0, scope.code(), scope.both());
    assertTrue(scope.out().contains("MemoryMax=100663296\n"), "96M:\n" + scope.out());
    assertTrue(scope.out().contains("OOMPolicy=continue\n"), scope.out());
    assertTrue(
        scope.out().contains("/etc/systemd/user/scope.d/50-workstation-pane.conf"), scope.out());
    site.caps("64M");
    site.ws("reconcile").ok();
  }

  @Test
  void a_hog_in_a_scope_with_the_pane_values_is_killed_at_the_cap_its_sibling_and_scope_live_on()
      throws Exception {
    TestSite site = TestSite.create("hog", "64M");
    site.roster().commitRoster("users:\n" + user("hal", "power-user"));
    site.ws("reconcile").ok();
    int hal = uid("hal");
    String pane = box.exec("cat", "/etc/systemd/user/scope.d/50-workstation-pane.conf").ok().out();
    String memoryMax = value(pane, "MemoryMax");
    assertEquals("continue", value(pane, "OOMPolicy"));

    Sandbox.Result run =
        box.exec(
            "systemd-run",
            "--scope",
            "--unit=hal-pane",
            "--slice=" + slice(hal),
            "--uid=hal",
            "-p",
            "MemoryMax=" + memoryMax,
            "-p",
            "OOMPolicy=continue",
            "--",
            "/bin/sh",
            "-c",
            "sleep 600 >/dev/null 2>&1 & echo sibling=$!;"
                + " perl -e 'for (1..512) { $s .= \"x\" x 1048576 } print \"survived\\n\"';"
                + " echo hog=$?");
    assertTrue(run.out().contains("hog=137"), "the hog was SIGKILLed:\n" + run.both());
    assertFalse(run.out().contains("survived"), run.out());
    Matcher sibling = Pattern.compile("sibling=([0-9]+)").matcher(run.out());
    assertTrue(sibling.find(), run.out());
    assertEquals(0, box.exec("kill", "-0", sibling.group(1)).code(), "the sibling lives");
    assertEquals("active", show("hal-pane.scope", "ActiveState"), "the scope stays");
    assertEquals("67108864", show("hal-pane.scope", "MemoryMax"));
    assertEquals("continue", show("hal-pane.scope", "OOMPolicy"));

    Sandbox.Result status = site.ws("status", "--user", "hal", "--json");
    assertTrue(status.out().contains("\"oom_kills\": 1\n"), status.out());
    assertTrue(status.out().contains("\"max_bytes\": 268435456,"), status.out());
    site.ws("reconcile").ok();
    String metrics = box.exec("cat", "/var/lib/metrics-hog/workstation.prom").ok().out();
    assertTrue(metrics.contains("workstation_user_oom_kills_total{user=\"hal\"} 1\n"), metrics);
    assertTrue(
        metrics.contains("workstation_user_memory_max_bytes{user=\"hal\"} 268435456\n"), metrics);
    box.systemctl("stop", "hal-pane.scope").ok();
  }

  @Test
  void a_fork_bomb_in_the_users_slice_stops_at_tasks_max() throws Exception {
    TestSite site = TestSite.create("bomb", "64M");
    site.roster().commitRoster("users:\n" + user("bo", "power-user"));
    site.ws("reconcile").ok();
    int bo = uid("bo");
    // forks until fork fails, at most 500 times (bounded by work), then ends every child
    Sandbox.Result run =
        box.exec(
            "systemd-run",
            "--scope",
            "--unit=bo-bomb",
            "--slice=" + slice(bo),
            "--uid=bo",
            "--",
            "perl",
            "-e",
            "my @k; for (1..500) { my $p = fork; last unless defined $p;"
                + " if (!$p) { sleep 600; exit 0 } push @k, $p }"
                + " print 'forked ', scalar(@k), \"\\n\"; kill 'KILL', @k; waitpid($_, 0) for @k");
    Matcher m = Pattern.compile("forked ([0-9]+)").matcher(run.out());
    assertTrue(m.find(), run.both());
    int forked = Integer.parseInt(m.group(1));
    assertTrue(forked > 0 && forked < 64, "stopped below TasksMax=64: forked " + forked);
    assertEquals(1, box.exec("pgrep", "-u", "bo", "sleep").code(), "no child is left");
  }

  @Test
  void doctor_names_a_missing_oom_net_and_holds_the_swap_to_user_swap_max() throws Exception {
    TestSite site = TestSite.create("doctor", "64M");
    Sandbox.Result doctor = site.ws("doctor");
    assertTrue(
        doctor.out().matches("(?s).*\nWARN +OOM net +neither earlyoom nor systemd-oomd runs.*"),
        "nothing but the sandbox's systemd runs in its PID namespace:\n" + doctor.out());
    boolean swap =
        Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .anyMatch(l -> l.startsWith("SwapTotal:") && !l.matches("SwapTotal: +0 kB"));
    assertTrue(
        doctor
            .out()
            .matches(
                swap
                    ? "(?s).*\nWARN +swap +[0-9.]+ GiB configured while containment.user_swap_max is 0.*"
                    : "(?s).*\nOK +swap +none configured, as containment.user_swap_max: 0 says.*"),
        doctor.out());
  }

  /** {@code key}'s value in a unit file's text. */
  static String value(String unitFile, String key) {
    for (String line : unitFile.lines().toList()) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    throw new AssertionError(key + " is not in:\n" + unitFile);
  }
}
