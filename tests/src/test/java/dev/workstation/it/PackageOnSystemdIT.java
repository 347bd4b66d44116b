package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.fixtures.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built {@code .deb} on a real systemd: installed with {@code apt-get} (offline), a site
 * configured with a signed roster repository, the timer enabled and active, the hardened reconcile
 * service converging the host when started by hand and by its timer, {@code session-start} answered
 * by the socket-activated session service, and {@code apt-get purge}.
 */
class PackageOnSystemdIT {
  static Sandbox box;
  static GitHttpServer server;
  static RosterRepo roster;

  @BeforeAll
  static void boot() throws Exception {
    assumeTrue(Files.isRegularFile(PackageIT.DEB), "build the package first: " + PackageIT.DEB);
    box = Sandbox.systemd();
  }

  @AfterAll
  static void close() throws Exception {
    Sandbox.closeAll(server, roster, box);
  }

  @Test
  void
      apt_installs_it_the_timer_runs_the_hardened_reconcile_the_socket_serves_sessions_and_purge_cleans_up()
          throws Exception {
    // apt-get, offline: the package's dependencies are on the image; no package source is
    // configured and any download would go to a closed port (apt-get's --no-download refuses a
    // local .deb outright: "Pathname to install is not absolute")
    Path deb = box.dir().resolve(PackageIT.DEB.getFileName().toString());
    Files.copy(PackageIT.DEB, deb);
    Path noSources = Files.createDirectory(box.dir().resolve("no-sources"));
    box.exec(
            "apt-get",
            "install",
            "-y",
            "--no-install-recommends",
            "-o",
            "Dir::Etc::SourceList=/dev/null",
            "-o",
            "Dir::Etc::SourceParts=" + noSources,
            "-o",
            "Acquire::http::Proxy=http://127.0.0.1:9",
            "-o",
            "Acquire::https::Proxy=http://127.0.0.1:9",
            deb.toString())
        .ok();
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

    configure();
    // started by hand, under the unit's own hardening
    Sandbox.Result start = box.systemctl("start", "workstation-reconcile.service");
    assertEquals(0, start.code(), start.both() + journal("workstation-reconcile.service"));
    assertEquals("success", prop("workstation-reconcile.service", "Result"));
    assertEquals(0, box.exec("getent", "passwd", "emo").code(), "emo's account was made");
    assertEquals(0, box.exec("test", "-d", "/home/emo/code/.git").code(), "emo's clone");
    assertTrue(journal("workstation-reconcile.service").contains("summary roster="));
    assertEquals(
        0, box.exec("test", "-s", "/var/lib/prometheus/node-exporter/workstation.prom").code());

    // started by its timer (fired at once by a drop-in; the shipped schedule is hours away)
    String before = prop("workstation-reconcile.service", "InvocationID");
    box.write(
        "/run/systemd/system/workstation-reconcile.timer.d/soon.conf",
        "[Timer]\nOnActiveSec=1s\nRandomizedDelaySec=0\n",
        "0644");
    box.systemctl("daemon-reload").ok();
    box.systemctl("restart", "workstation-reconcile.timer").ok();
    Poll.until(
        Duration.ofMinutes(3),
        "the timer started the reconcile service again, and it succeeded",
        () ->
            !prop("workstation-reconcile.service", "InvocationID").equals(before)
                && prop("workstation-reconcile.service", "ActiveState").equals("inactive"));
    assertEquals("success", prop("workstation-reconcile.service", "Result"));
    box.exec("rm", "-r", "/run/systemd/system/workstation-reconcile.timer.d").ok();
    box.systemctl("daemon-reload").ok();

    // session-start as emo: answered by the socket-activated, hardened service
    assertEquals("inactive", prop("workstation-session.service", "ActiveState"));
    box.exec("runuser", "-u", "emo", "--", "/usr/bin/workstation", "session-start").ok();
    String served = journal("workstation-session.service");
    assertTrue(
        served.contains("user=emo action=session-freshen result=ok"),
        "the service answered emo:\n" + served);
    assertEquals("active", prop("workstation-session.service", "ActiveState"), "socket-activated");

    purge();
  }

  /**
   * A signed roster repository and an infra repository served over HTTP, as a forge serves them.
   */
  static void configure() throws Exception {
    SigningKeys keys = SigningKeys.create(box.dir());
    roster = RosterRepo.create(box.dir()).signedBy(keys.admin());
    Path fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    server =
        new GitHttpServer()
            .serve("viktor/roster.git", roster.origin(), false)
            .user("workstation", "s3cret-token", "viktor/roster.git")
            .serve("infra.git", infra, true)
            .serve("viktor/infra.git", infra, true);
    roster.commit(
        RosterRepo.PATH,
        "users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n",
        TrustFixture.ADMIN,
        "roster: emo");
    // the service has its own /tmp (PrivateTmp=yes): what it reads lives in /etc/workstation
    box.write("/etc/workstation/allowed_signers", Files.readString(keys.allowedSigners()), "0644");
    box.write("/etc/workstation/signing_key", Files.readString(keys.cli()), "0600");
    box.write(
        "/etc/workstation/roster.git-credentials",
        "http://workstation:s3cret-token@127.0.0.1:" + server.port() + "\n",
        "0600");
    box.write(
        "/etc/workstation/workstation.yaml",
        "roster:\n  url: "
            + server.url("viktor/roster.git")
            + "\n  branch: master\n  path: "
            + RosterRepo.PATH
            + "\n  allowed_signers: /etc/workstation/allowed_signers\n"
            + "  signing_key: /etc/workstation/signing_key\n"
            + "  credentials_file: /etc/workstation/roster.git-credentials\n"
            + SiteFixture.infra(server)
            + "metrics: {textfile_dir: /var/lib/prometheus/node-exporter}\n",
        "0644");
  }

  /**
   * Purge: the units are stopped and gone, no file of the package or its runs is left; what the
   * admin put in /etc/workstation (keys, credentials), the accounts and the homes stay.
   */
  static void purge() {
    box.exec("apt-get", "purge", "-y", "workstation").ok();
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

  static String prop(String unit, String property) {
    return box.systemctl("show", "-p", property, "--value", unit).out().strip();
  }

  static String journal(String unit) {
    return box.exec("journalctl", "--no-pager", "-o", "cat", "-u", unit).out();
  }
}
