package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hardened {@code workstation-reconcile.service} can do its job: the whole lifecycle runs under
 * {@code setpriv} with exactly the unit's {@code CapabilityBoundingSet}, no-new-privileges and its
 * {@code UMask}, as systemd would start it — so a capability missing from the unit fails here, not
 * on a devvm.
 */
class HardenedUnitIT extends SiteTest {
  static final Path UNIT =
      Path.of(System.getProperty("workstation.repo", ".."))
          .resolve("systemd/workstation-reconcile.service");

  static final String ROSTER =
      """
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil, k8s_user: emo, tier: power-user}
        anca:
          authentik_user: ancaelena98
          k8s_user: anca
          tier: namespace-owner
          namespaces: [plotting-book]
          code_layout: workspace
          repos: [tripit]
      """;

  String config;

  @BeforeEach
  void setUp() throws Exception {
    SigningKeys keys = SigningKeys.create(box.dir());
    roster.signedBy(keys.admin());
    // verified, as a devvm runs: signed roster, and the lifecycle's commits signed by the CLI key
    Path file = Path.of(site.everyFacet().config());
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "  path: " + RosterRepo.PATH + "\n",
                "  path: " + RosterRepo.PATH + "\n" + keys.siteKeys()));
    config = file.toString();
    site.adminGroups();
    roster.commitRoster(ROSTER);
  }

  /** The unit's CapabilityBoundingSet, as setpriv spells it: {@code chown,dac_override,…}. */
  static List<String> unitCapabilities() throws Exception {
    List<String> caps = new ArrayList<>();
    for (String line : Files.readAllLines(UNIT)) {
      if (line.startsWith("CapabilityBoundingSet=")) {
        for (String cap : line.substring(line.indexOf('=') + 1).trim().split("\\s+")) {
          caps.add(cap.toLowerCase(Locale.ROOT).replaceFirst("^cap_", ""));
        }
      }
    }
    assertTrue(!caps.isEmpty(), "the unit sets CapabilityBoundingSet");
    return caps;
  }

  static boolean unitSays(String directive) throws Exception {
    return Files.readAllLines(UNIT).contains(directive);
  }

  /**
   * {@code workstation ARGS} as the unit runs it: its umask, the bounding set, no new privileges.
   */
  Sandbox.Result hardened(List<String> caps, String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                "umask " + UmaskIT.unitUmask() + "; exec \"$@\"",
                "sh",
                "setpriv",
                "--no-new-privs"));
    argv.add("--bounding-set=-all" + (caps.isEmpty() ? "" : ",+" + String.join(",+", caps)));
    argv.add("--");
    List<String> ws = new ArrayList<>(List.of("--config=" + config));
    ws.addAll(List.of(args));
    argv.addAll(box.workstationArgv(ws.toArray(String[]::new)));
    return box.exec(argv, null);
  }

  @Test
  void the_whole_lifecycle_runs_with_exactly_the_units_capabilities_and_no_new_privileges()
      throws Exception {
    assertTrue(unitSays("NoNewPrivileges=yes"));
    List<String> caps = unitCapabilities();
    // the harness really confines: what a process started this way holds
    String status = box.sh("grep -E '^(CapBnd|NoNewPrivs)' /proc/self/status").out();
    Sandbox.Result probe =
        box.exec(
            List.of(
                "setpriv",
                "--no-new-privs",
                "--bounding-set=-all,+" + String.join(",+", caps),
                "--",
                "grep",
                "-E",
                "^(CapBnd|NoNewPrivs)",
                "/proc/self/status"),
            null);
    assertNotEquals(status, probe.out());
    assertTrue(probe.out().contains("NoNewPrivs:\t1"), probe.out());

    hardened(caps, "reconcile").ok();
    assertEquals(0, hardened(caps, "plan").code(), "converged: nothing left to do");
    assertEquals(
        "ok",
        box.asUser("anca", "test -d ~/code/tripit/.git && test -f ~/.kube/config && echo ok")
            .out()
            .strip());
    hardened(caps, "freshen").ok();
    hardened(caps, "status");
    hardened(
            caps,
            "onboard",
            "zed",
            "--tier",
            "power-user",
            "--authentik-user",
            "zed",
            "--k8s-user",
            "zed",
            "--reason",
            "joins")
        .ok();
    hardened(caps, "park", "zed", "--reason", "on leave").ok();
    hardened(caps, "unpark", "zed", "--reason", "back").ok();
    box.asUser("emo", "echo precious > ~/notes.txt").ok();
    // a session of emo's that the cut must end (root signalling another uid: CAP_KILL)
    box.sh("setpriv --reuid=emo --regid=emo --init-groups sleep 600 </dev/null >/dev/null 2>&1 &")
        .ok();
    assertEquals(0, box.exec("pgrep", "-u", "emo").code(), "emo has a running process");
    hardened(caps, "offboard", "emo", "--reason", "left").ok();
    assertTrue(box.exec("chage", "-l", "emo").out().contains("Jan 01, 1970"), "emo is cut");
    assertEquals(1, box.exec("pgrep", "-u", "emo").code(), "the cut ended emo's processes");
    hardened(caps, "offboard", "emo", "--destroy", "--yes").ok();
    assertNotEquals(0, box.exec("getent", "passwd", "emo").code(), "emo is destroyed");
    assertTrue(
        box.sh("ls /var/lib/workstation/archive/").out().contains("emo"),
        "after a verified archive of the home");
    assertEquals(0, hardened(caps, "reconcile").code());
  }

  @Test
  void the_check_can_fail_without_setuid_no_user_worker_starts() throws Exception {
    List<String> fewer = new ArrayList<>(unitCapabilities());
    fewer.remove("setuid");
    Sandbox.Result r = hardened(fewer, "reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.both().contains("result=failed"), r.both());
  }
}
