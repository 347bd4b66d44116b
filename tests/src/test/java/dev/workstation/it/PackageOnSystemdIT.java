package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workstation.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built {@code .deb} on a real systemd, walked in order on one sandbox: installed with {@code
 * apt-get} (offline), the timer enabled and active; a site with a signed roster repository
 * converged by the hardened reconcile service, started by hand and by its timer; {@code
 * session-start} answered by the socket-activated session service, which fails without each
 * capability its unit keeps; {@code apt-get purge}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageOnSystemdIT {
  static final Path SESSION_UNIT =
      Path.of(System.getProperty("workstation.repo", ".."))
          .resolve("systemd/workstation-session.service");
  static final String CAPS = "/etc/systemd/system/workstation-session.service.d/caps.conf";

  static Sandbox box;
  static PackagedSite site;
  static int commits;

  @BeforeAll
  static void boot() throws Exception {
    assumeTrue(Files.isRegularFile(PackageIT.DEB), "build the package first: " + PackageIT.DEB);
    box = Sandbox.systemd();
  }

  @AfterAll
  static void close() throws Exception {
    Sandbox.closeAll(site, box);
  }

  @Test
  @Order(1)
  void apt_installs_it_offline_with_the_timer_enabled_and_active_and_the_socket_listening()
      throws Exception {
    PackagedSite.install(box);
    assertEquals(
        "enabled", box.systemctl("is-enabled", "workstation-reconcile.timer").out().strip());
    assertEquals("active", box.systemctl("is-active", "workstation-reconcile.timer").out().strip());
    String timers = box.systemctl("list-timers", "--all", "workstation-reconcile.timer").out();
    assertTrue(
        timers
            .lines()
            .anyMatch(l -> l.contains("workstation-reconcile.timer") && !l.startsWith("n/a")),
        "list-timers shows its next run:\n" + timers);
    assertEquals("active", box.systemctl("is-active", "workstation-session.socket").out().strip());
    assertEquals(0, box.exec("test", "-S", "/run/workstation/session.sock").code());
  }

  @Test
  @Order(2)
  void the_hardened_reconcile_service_converges_started_by_hand_and_by_its_timer()
      throws Exception {
    site = PackagedSite.configure(box);
    Sandbox.Result start = box.systemctl("start", "workstation-reconcile.service");
    assertEquals(0, start.code(), start.both() + journal("workstation-reconcile.service"));
    assertEquals("success", prop("workstation-reconcile.service", "Result"));
    assertEquals(0, box.exec("getent", "passwd", "emo").code(), "emo's account was made");
    assertEquals(0, box.exec("test", "-d", "/home/emo/code/.git").code(), "emo's clone");
    assertTrue(journal("workstation-reconcile.service").contains("summary roster="));
    assertEquals(
        0, box.exec("test", "-s", "/var/lib/prometheus/node-exporter/workstation.prom").code());
    // under the unit's UMask=0077, what another uid reads has its mode all the same (UmaskIT has
    // every such file); emo's clone has its worker's modes, in emo's 0700 home
    assertEquals(
        """
        /etc/claude-code 755
        /etc/claude-code/managed-settings.json 644
        /var/lib/prometheus/node-exporter 755
        /var/lib/prometheus/node-exporter/workstation.prom 644
        /home/emo 700
        /home/emo/code 700
        /home/emo/code/.git/config 600
        """,
        box.exec(
                "stat",
                "-c",
                "%n %a",
                "/etc/claude-code",
                "/etc/claude-code/managed-settings.json",
                "/var/lib/prometheus/node-exporter",
                "/var/lib/prometheus/node-exporter/workstation.prom",
                "/home/emo",
                "/home/emo/code",
                "/home/emo/code/.git/config")
            .out());
    box.asUser("emo", "cat /etc/claude-code/managed-settings.json >/dev/null").ok();

    // by its timer, fired at once by a drop-in (the shipped schedule is hours away)
    String before = prop("workstation-reconcile.service", "InvocationID");
    box.write(
        "/run/systemd/system/workstation-reconcile.timer.d/soon.conf",
        "[Timer]\nOnActiveSec=1s\nRandomizedDelaySec=0\n",
        "0644");
    box.systemctl("daemon-reload").ok();
    box.systemctl("restart", "workstation-reconcile.timer").ok();
    Poll.until(
        Duration.ofMinutes(3),
        "the timer started the reconcile service again, and it finished",
        () ->
            !prop("workstation-reconcile.service", "InvocationID").equals(before)
                && prop("workstation-reconcile.service", "ActiveState").equals("inactive"));
    assertEquals("success", prop("workstation-reconcile.service", "Result"));
    box.exec("rm", "-r", "/run/systemd/system/workstation-reconcile.timer.d").ok();
    box.systemctl("daemon-reload").ok();
  }

  @Test
  @Order(3)
  void session_start_is_answered_by_the_socket_activated_hardened_session_service()
      throws Exception {
    assertEquals("inactive", prop("workstation-session.service", "ActiveState"));
    assertEquals("", session(), "served, under the shipped unit");
    assertEquals("active", prop("workstation-session.service", "ActiveState"), "socket-activated");
  }

  /**
   * Each capability the unit keeps, removed in turn (a drop-in over the shipped bounding set): the
   * session's freshen fails or is left to the user, and a git of the user's that overruns the
   * service's bound outlives it without CAP_KILL.
   */
  @Test
  @Order(4)
  void without_each_capability_its_unit_keeps_the_session_service_fails() throws Exception {
    List<String> kept = kept();
    assertEquals(
        List.of("CAP_CHOWN", "CAP_DAC_READ_SEARCH", "CAP_KILL", "CAP_SETUID", "CAP_SETGID"), kept);
    for (String cap : kept) {
      if (!cap.equals("CAP_KILL")) {
        String why = withCaps(without(kept, cap), PackageOnSystemdIT::session);
        assertFalse(why.isEmpty(), "without " + cap + " the service still served the session");
      }
    }
    // a session's freshen by the shipped unit's bound (3 s here): emo's git blocks on a FIFO
    box.sh("printf 'freshen: {session_timeout: 3s}\\n' >> /etc/workstation/workstation.yaml").ok();
    assertEquals("", withCaps(kept, PackageOnSystemdIT::overrun), "with CAP_KILL");
    assertFalse(withCaps(without(kept, "CAP_KILL"), PackageOnSystemdIT::overrun).isEmpty());
    box.exec("rm", "-f", CAPS).ok();
    box.systemctl("daemon-reload").ok();
  }

  /**
   * Purge: the units are stopped and gone, no file of the package or its runs is left; what the
   * admin put in /etc/workstation (keys, credentials), the accounts and the homes stay.
   */
  @Test
  @Order(5)
  void apt_purge_stops_and_removes_the_units_and_leaves_the_admins_files_and_the_accounts() {
    // what the maintainer scripts say reaches apt-get's stdout or stderr, as dpkg runs them
    Sandbox.Result purge = box.exec("apt-get", "purge", "-y", "workstation").ok();
    assertTrue(
        purge
            .both()
            .contains(
                "workstation: kept /etc/workstation: allowed_signers roster.git-credentials"
                    + " signing_key - the admin's keys, tokens and credentials"),
        "it names what it keeps:\n" + purge.both());
    assertTrue(purge.both().contains("kept the accounts and homes it provisioned"), purge.both());
    assertEquals(
        "/etc/workstation\n",
        box.sh(
                "find /etc /usr /var /run \\( -name workstation -o -name 'workstation[._-]*' \\)"
                    + " 2>/dev/null")
            .out(),
        "purge leaves no file named after the package but the admin's directory");
    assertEquals(
        "allowed_signers\nroster.git-credentials\nsigning_key\n",
        box.exec("ls", "/etc/workstation").out(),
        "the site config (a conffile) is gone; the admin's own files stay");
    assertEquals(
        "",
        box.systemctl("list-unit-files", "--no-legend", "workstation*").out().strip(),
        "no unit of the package is left");
    for (String unit :
        List.of(
            "workstation-reconcile.timer",
            "workstation-session.socket",
            "workstation-session.service")) {
      assertFalse(
          box.systemctl("is-active", unit).out().strip().equals("active"), unit + " stopped");
    }
    assertEquals(0, box.exec("getent", "passwd", "emo").code(), "accounts are never purged");
    assertEquals(0, box.exec("test", "-d", "/home/emo/code").code(), "nor homes");
  }

  /** The bounding set the shipped unit keeps. */
  static List<String> kept() throws Exception {
    for (String line : Files.readAllLines(SESSION_UNIT)) {
      if (line.startsWith("CapabilityBoundingSet=")) {
        return Arrays.asList(line.substring("CapabilityBoundingSet=".length()).split("\\s+"));
      }
    }
    throw new IllegalStateException("no CapabilityBoundingSet= in " + SESSION_UNIT);
  }

  static List<String> without(List<String> caps, String cap) {
    List<String> less = new ArrayList<>(caps);
    less.remove(cap);
    return less;
  }

  /** Runs {@code probe} against a fresh service whose bounding set is {@code caps}. */
  static String withCaps(List<String> caps, Poll.Probe<String> probe) throws Exception {
    box.write(
        CAPS,
        "[Service]\nCapabilityBoundingSet=\nCapabilityBoundingSet=" + String.join(" ", caps) + "\n",
        "0644");
    box.systemctl("daemon-reload").ok();
    box.systemctl("stop", "workstation-session.service").ok();
    return probe.get();
  }

  /**
   * The forge moves on and emo starts a session: "" when the service answered and fast-forwarded
   * emo's clone; otherwise what happened instead.
   */
  static String session() throws Exception {
    Fixtures.infraCommit(site.fixtures(), "probe-" + (++commits) + ".txt", "x\n");
    String want = Fixtures.git(site.fixtures().resolve("infra.git"), "rev-parse", "HEAD").strip();
    Sandbox.Result s =
        box.exec("runuser", "-u", "emo", "--", "/usr/bin/workstation", "session-start");
    String head = box.asUser("emo", "git -C ~/code rev-parse HEAD").out().strip();
    String answer = lastRequest();
    boolean served =
        answer.startsWith("user=emo action=session-freshen status=200")
            && s.out().contains("/home/emo/code: fast-forwarded")
            && head.equals(want);
    return served ? "" : "service: " + answer + "; session-start: " + s.both().strip();
  }

  /**
   * emo's git blocks (emo made {@code .git/shallow} a FIFO): "" when the service's bound ended it;
   * otherwise the git that outlived it.
   */
  static String overrun() throws Exception {
    Fixtures.infraCommit(site.fixtures(), "probe-" + (++commits) + ".txt", "x\n");
    box.asUser("emo", "mkfifo ~/code/.git/shallow").ok();
    try {
      box.exec("runuser", "-u", "emo", "--", "/usr/bin/workstation", "session-start");
      String left =
          Poll.until(
              Duration.ofSeconds(10),
              () -> box.exec("pgrep", "-a", "-u", "emo", "git").out().strip(),
              String::isEmpty);
      return left.isEmpty() ? "" : "outlived the service's bound: " + left;
    } finally {
      box.exec("pkill", "-KILL", "-u", "emo");
      box.asUser("emo", "rm -f ~/code/.git/shallow").ok();
    }
  }

  static String lastRequest() {
    List<String> lines =
        journal("workstation-session.service")
            .lines()
            .filter(l -> l.startsWith("user=emo action=session-freshen"))
            .toList();
    return lines.isEmpty() ? "(no request logged)" : lines.get(lines.size() - 1);
  }

  static String prop(String unit, String property) {
    return box.systemctl("show", "-p", property, "--value", unit).out().strip();
  }

  static String journal(String unit) {
    return box.exec("journalctl", "--no-pager", "-o", "cat", "-u", unit).out();
  }
}
