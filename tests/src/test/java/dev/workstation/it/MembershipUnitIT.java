package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hardened {@code workstation-membership.service} can do its job: the sync runs with the unit's
 * (empty) {@code CapabilityBoundingSet}, no new privileges and its {@code UMask}, as systemd would
 * start it, and leaves its state root's alone while the metrics stay readable to node_exporter. A
 * second run shows the harness confines: a token file root does not own is out of its reach.
 */
class MembershipUnitIT extends SiteTest {
  static final Path UNIT =
      Path.of(System.getProperty("workstation.repo", ".."))
          .resolve("systemd/workstation-membership.service");

  static String directive(String name) throws Exception {
    for (String line : Files.readAllLines(UNIT)) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    throw new AssertionError(UNIT + " sets no " + name);
  }

  Sandbox.Result hardened(TrustFixture f) throws Exception {
    assertEquals("", directive("CapabilityBoundingSet"), "the unit keeps no capability");
    assertEquals("yes", directive("NoNewPrivileges"));
    List<String> argv =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                "umask " + directive("UMask") + "; exec \"$@\"",
                "sh",
                "setpriv",
                "--no-new-privs",
                "--bounding-set=-all",
                "--inh-caps=-all",
                "--"));
    argv.addAll(f.box.workstationArgv("--config=" + f.config, "membership", "sync"));
    return f.box.exec(argv, null);
  }

  @Test
  void the_sync_runs_with_no_capability_and_keeps_its_state_to_root() throws Exception {
    IdpFixture idp = IdpFixture.open(site).members("vbarzin", "emil", "newbie");
    TrustFixture f = TrustFixture.open(site, TrustFixture.ROSTER, true, idp.section(""));
    String before = f.roster.git("--git-dir=" + f.roster.origin(), "rev-parse", "master").strip();
    Sandbox.Result r = hardened(f);
    assertEquals(0, r.code(), r.both());
    assertNotEquals(
        before, f.roster.git("--git-dir=" + f.roster.origin(), "rev-parse", "master").strip());
    assertEquals(
        "700 600 644",
        f.box
            .sh(
                "stat -c %a /var/lib/workstation/membership"
                    + " /var/lib/workstation/membership/last-run.json "
                    + f.metrics.resolve("workstation-membership.prom")
                    + " | tr '\\n' ' '")
            .out()
            .strip());

    // the check can fail: a token file root does not own is unreadable without DAC_OVERRIDE
    f.box.exec("chown", "65534", idp.tokenFile.toString()).ok();
    Sandbox.Result refused = hardened(f);
    assertEquals(1, refused.code(), refused.both());
    assertTrue(
        refused.err().contains("cannot read " + idp.tokenFile + " (membership.token_file)"),
        refused.err());
    assertEquals(0, f.ws("membership", "sync").code(), "with capabilities, root reads it");
  }
}
