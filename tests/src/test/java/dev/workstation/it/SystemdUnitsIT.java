package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.HostSentinels;
import dev.workstation.host.TcpListeners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-user units against a real systemd (one sandbox for the class, each test with its own users,
 * state dir and ports): enable and start, disable and stop with the failed state cleared, SPEC
 * §6.7's collisions named and not crash-looped, and the cut's session ending through logind and the
 * user's slice.
 */
class SystemdUnitsIT {
  static Sandbox box;
  static int base;

  /** The documented template, its ExecStart a listener on the user's port (as the demo's). */
  static String t3Template() throws Exception {
    String doc =
        Files.readString(
            Path.of(System.getProperty("workstation.repo", ".."))
                .resolve("docs/examples/t3-serve@.service"));
    String listen =
        "ExecStart=/usr/bin/perl -MIO::Socket::INET -e 'my $$s = IO::Socket::INET->new(LocalAddr =>"
            + " \"127.0.0.1\", LocalPort => $$ENV{T3_PORT}, Listen => 5, ReuseAddr => 1) or die"
            + " \"port $$ENV{T3_PORT}: $$!\\n\"; sleep'";
    return doc.lines()
        .map(l -> l.startsWith("ExecStart=") ? listen : l)
        .reduce("", (a, b) -> a + b + "\n");
  }

  @BeforeAll
  static void boot() throws Exception {
    box = Sandbox.systemd();
    base = freeBase();
    box.write("/etc/systemd/system/t3-serve@.service", t3Template(), "0644");
    box.write(
        "/etc/systemd/system/tick@.timer",
        "[Unit]\nDescription=tick for %i\n\n[Timer]\nOnActiveSec=1s\nOnUnitActiveSec=1h\n\n"
            + "[Install]\nWantedBy=timers.target\n",
        "0644");
    box.write(
        "/etc/systemd/system/tick@.service",
        "[Unit]\nDescription=tick for %i (fails)\n\n[Service]\nType=oneshot\nUser=%i\n"
            + "ExecStart=/bin/false\n",
        "0644");
    box.systemctl("daemon-reload").ok();
  }

  @AfterAll
  static void close() throws Exception {
    if (box != null) {
      box.close();
    }
  }

  /** A block of 300 ports nothing on the host listens on (the sandbox shares its network). */
  static int freeBase() throws Exception {
    for (int b = 23000; b < 60000; b += 1000) {
      int from = b;
      boolean free =
          TcpListeners.all().stream().noneMatch(l -> l.port() >= from && l.port() < from + 300);
      if (free) {
        return b;
      }
    }
    throw new IllegalStateException("no free block of ports");
  }

  /** A site of its own: roster repo, state dir, t3 pool at {@code port}. */
  record TestSite(RosterRepo roster, String config) {
    static TestSite create(String name, int port, String perUser) throws Exception {
      Path dir = Files.createDirectories(box.dir().resolve(name));
      RosterRepo roster = RosterRepo.create(dir);
      Path config = dir.resolve("workstation.yaml");
      Files.writeString(
          config,
          "roster: {url: "
              + roster.origin()
              + ", branch: master, path: "
              + RosterRepo.PATH
              + "}\nstate_dir: /var/lib/workstation-"
              + name
              + "\nhome_root: /home\n"
              + "units: {per_user: ["
              + perUser
              + "], env_dir: /etc/t3-serve, port_pools: {t3: "
              + port
              + "}}\n");
      box.sh("chmod -R a+rX " + dir).ok();
      return new TestSite(roster, config.toString());
    }

    Sandbox.Result ws(String... args) {
      return box.ws(config, args);
    }
  }

  static String user(String name, boolean parked) {
    return "  "
        + name
        + ": {authentik_user: "
        + name
        + ", k8s_user: "
        + name
        + ", tier: power-user"
        + (parked ? ", parked: true" : "")
        + "}\n";
  }

  static String prop(String unit, String property) {
    return box.systemctl("show", "-p", property, "--value", unit).out().strip();
  }

  @Test
  void services_and_timers_are_enabled_and_started_and_a_parked_users_stopped_and_cleared()
      throws Exception {
    TestSite site = TestSite.create("units", base, "t3-serve@, tick@.timer");
    site.roster().commitRoster("users:\n" + user("emo", false));
    Sandbox.Result first = site.ws("reconcile");
    assertEquals(0, first.code(), first.both());
    assertEquals("enabled", box.systemctl("is-enabled", "t3-serve@emo.service").out().strip());
    assertEquals("active", box.systemctl("is-active", "t3-serve@emo.service").out().strip());
    assertEquals(
        "emo",
        box.exec("ps", "-o", "user=", "-p", prop("t3-serve@emo.service", "MainPID")).out().strip());
    Poll.until(
        Duration.ofSeconds(30),
        "it listens on emo's port "
            + base
            + box.systemctl("status", "t3-serve@emo.service").both()
            + box.exec("cat", "/etc/t3-serve/emo.env").both()
            + box.exec("ss", "-ltnp").both(),
        () -> TcpListeners.taken(base));
    assertEquals("enabled", box.systemctl("is-enabled", "tick@emo.timer").out().strip());
    assertEquals("active", box.systemctl("is-active", "tick@emo.timer").out().strip());
    Poll.until(
        Duration.ofSeconds(30),
        "the timer ran its service once, which failed",
        () -> box.systemctl("is-failed", "tick@emo.service").out().strip().equals("failed"));
    assertEquals(0, site.ws("plan").code(), "an active user's running units: nothing to do");

    site.roster().commitRoster("users:\n" + user("emo", true));
    Sandbox.Result park = site.ws("reconcile");
    assertEquals(0, park.code(), park.both());
    assertTrue(
        park.out()
            .contains("user=emo action=disable-unit unit=t3-serve@emo.service result=applied"),
        park.out());
    for (String unit : List.of("t3-serve@emo.service", "tick@emo.timer")) {
      assertEquals("disabled", box.systemctl("is-enabled", unit).out().strip(), unit);
      assertEquals("inactive", box.systemctl("is-active", unit).out().strip(), unit);
    }
    assertEquals(
        "inactive",
        box.systemctl("is-failed", "tick@emo.service").out().strip(),
        "the timer's failed service was cleared");
    assertFalse(TcpListeners.taken(base), "the surface stopped listening");
    assertEquals(0, site.ws("plan").code(), "a parked user's stopped units: nothing to do");

    site.roster().commitRoster("users:\n" + user("emo", false));
    site.ws("reconcile").ok();
    assertEquals("active", box.systemctl("is-active", "t3-serve@emo.service").out().strip());
    assertEquals("active", box.systemctl("is-active", "tick@emo.timer").out().strip());
  }

  @Test
  void a_unit_of_the_users_own_of_the_same_name_is_named_and_the_system_unit_not_started()
      throws Exception {
    TestSite site = TestSite.create("own-unit", base + 100, "t3-serve@");
    // ana has written her own user unit of the same name before the site configured its own
    box.exec("useradd", "-m", "-s", "/bin/sh", "ana").ok();
    box.asUser(
            "ana",
            "mkdir -p ~/.config/systemd/user && printf '[Service]\\nExecStart=/bin/sleep 1d\\n'"
                + " > ~/.config/systemd/user/t3-serve@.service")
        .ok();
    site.roster().commitRoster("users:\n" + user("ana", false));
    String named =
        "t3-serve@ana.service is not started: ~/.config/systemd/user/t3-serve@.service is a unit of"
            + " ana's own of the same name; ana or an admin removes it, then the next reconcile"
            + " starts it";
    Sandbox.Result plan = site.ws("plan");
    assertTrue(plan.both().contains("error: ana: " + named), plan.both());
    assertFalse(plan.out().contains("enable and start t3-serve@ana.service"), plan.out());
    assertEquals(1, plan.code(), "kept back: the run would fail");
    Sandbox.Result run = site.ws("reconcile");
    assertTrue(run.both().contains(named), run.both());
    assertEquals(1, run.code(), "the user's unit is kept back: the run fails\n" + run.both());
    assertTrue(run.out().contains("kept_back=1"), run.out());
    Sandbox.Result status = site.ws("status");
    assertTrue(status.out().contains("kept back: " + named), status.out());
    assertEquals(1, status.code(), "unhealthy while it lasts");
    assertEquals("disabled", box.systemctl("is-enabled", "t3-serve@ana.service").out().strip());
    assertEquals("inactive", box.systemctl("is-active", "t3-serve@ana.service").out().strip());

    box.asUser("ana", "rm ~/.config/systemd/user/t3-serve@.service").ok();
    site.ws("reconcile").ok();
    assertEquals("active", box.systemctl("is-active", "t3-serve@ana.service").out().strip());
  }

  @Test
  void a_process_of_the_users_on_the_units_port_stops_its_crash_loop_and_is_named()
      throws Exception {
    int port = base + 200;
    TestSite site = TestSite.create("own-port", port, "t3-serve@");
    site.roster().commitRoster("users:\n" + user("bo", false));
    site.ws("reconcile").ok();
    Poll.until(Duration.ofSeconds(30), "bo's unit listens", () -> TcpListeners.taken(port));
    // bo runs a server of their own on their port; the system unit, started again, cannot bind
    box.systemctl("stop", "t3-serve@bo.service").ok();
    box.exec(
            "systemd-run",
            "--unit=bo-own",
            "--uid=bo",
            "/usr/bin/perl",
            "-MIO::Socket::INET",
            "-e",
            "my $s = IO::Socket::INET->new(LocalAddr => \"127.0.0.1\", LocalPort => "
                + port
                + ", Listen => 5) or die; sleep")
        .ok();
    Poll.until(Duration.ofSeconds(30), "bo's own server listens", () -> TcpListeners.taken(port));
    box.systemctl("start", "t3-serve@bo.service");
    Poll.until(
        Duration.ofSeconds(60),
        "the system unit crash-loops (restarted at least once)",
        () -> Integer.parseInt(prop("t3-serve@bo.service", "NRestarts")) >= 1);
    String pid = prop("bo-own.service", "MainPID");
    String named =
        "t3-serve@bo.service is not started: port "
            + port
            + " (T3_PORT) is already taken by bo's process "
            + pid
            + " (perl); bo or an admin removes it, then the next reconcile starts it";
    Sandbox.Result plan = site.ws("plan");
    assertTrue(plan.both().contains(named), plan.both());
    Sandbox.Result run = site.ws("reconcile");
    assertTrue(
        run.out().contains("user=bo action=disable-unit unit=t3-serve@bo.service result=applied"),
        run.both());
    assertTrue(run.both().contains(named), run.both());
    assertEquals(1, run.code(), run.both());
    assertEquals("disabled", box.systemctl("is-enabled", "t3-serve@bo.service").out().strip());
    assertEquals("inactive", box.systemctl("is-active", "t3-serve@bo.service").out().strip());
    assertTrue(site.ws("status").out().contains(named));
    assertEquals("active", box.systemctl("is-active", "bo-own.service").out().strip(), "bo's own");

    box.systemctl("stop", "bo-own.service").ok();
    site.ws("reconcile").ok();
    Poll.until(
        Duration.ofSeconds(30),
        "the system unit serves again",
        () -> box.systemctl("is-active", "t3-serve@bo.service").out().strip().equals("active"));
  }

  /**
   * The cut through logind and the user's slice, which only a real systemd has: a lingering user
   * manager and a login session are stopped by {@code loginctl terminate-user} (their stop jobs are
   * in the journal), and a root process in the user's slice — which neither logind nor the
   * stop-and-kill rounds (by uid) would touch — by {@code systemctl kill user-UID.slice}.
   */
  @Test
  void a_cut_ends_the_users_sessions_through_logind_and_everything_in_their_slice()
      throws Exception {
    TestSite site = TestSite.create("cut", base + 250, "t3-serve@");
    site.roster()
        .commitRoster(
            "users:\n  wiz: {authentik_user: wiz, k8s_user: wiz, tier: admin}\n"
                + user("cy", false));
    box.exec("groupadd", "-f", "code-shared").ok();
    box.exec("groupadd", "-f", "docker").ok();
    site.ws("reconcile").ok();
    int uid = Integer.parseInt(box.exec("id", "-u", "cy").ok().out().strip());
    try (HostSentinels sentinels = HostSentinels.around(box.ids())) {
      box.exec("loginctl", "enable-linger", "cy").ok();
      Poll.until(
          Duration.ofSeconds(30),
          "cy's lingering user manager runs",
          () -> prop("user@" + uid + ".service", "ActiveState").equals("active"));
      Process session = box.startSession(List.of("runuser", "-l", "cy", "-c", "sleep 600"));
      Poll.until(
          Duration.ofSeconds(30),
          "cy's session is registered",
          () -> box.exec("loginctl", "list-sessions", "--no-legend").out().contains(" cy "));
      box.exec(
              "systemd-run", "--unit=in-cy-slice", "--slice=user-" + uid + ".slice", "sleep", "600")
          .ok();

      site.roster()
          .commitRoster("users:\n  wiz: {authentik_user: wiz, k8s_user: wiz, tier: admin}\n");
      Sandbox.Result cut = site.ws("reconcile");
      assertEquals(0, cut.code(), cut.both());
      assertTrue(cut.out().contains("user=cy action=cut-user result=applied"), cut.out());
      assertTrue(session.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the session ended");
      assertFalse(
          box.exec("loginctl", "list-sessions", "--no-legend").out().contains(" cy "),
          "no session of cy's is left");
      String journal =
          box.exec("journalctl", "--no-pager", "-o", "cat", "-u", "user@" + uid + ".service").out();
      assertTrue(
          journal.contains("Stopping user@" + uid + ".service"),
          "logind stopped cy's user manager (terminate-user):\n" + journal);
      assertEquals("inactive", prop("user@" + uid + ".service", "ActiveState"));
      assertEquals(
          "signal",
          prop("in-cy-slice.service", "Result"),
          "a root process in cy's slice was killed: systemctl kill user-" + uid + ".slice");
      assertEquals("disabled", box.systemctl("is-enabled", "t3-serve@cy.service").out().strip());
      assertEquals(1, box.exec("pgrep", "-u", "cy").code(), "no process of cy's is left");
      assertEquals(List.of(), sentinels.dead(), "host processes at the sandbox's uids");
    }
  }
}
