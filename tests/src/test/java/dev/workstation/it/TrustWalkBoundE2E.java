package dev.workstation.it;

import static dev.workstation.it.TrustFixture.ADMIN;
import static dev.workstation.it.TrustFixture.GRANT;
import static dev.workstation.it.TrustFixture.MALLORY;
import static dev.workstation.it.TrustFixture.ROSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code roster.max_unsigned_commits} (issue 23, item 1): past it, the trust walk stops; the run
 * reports "too many unsigned commits since the last signed change (N)" as an untrusted condition
 * (exit 1, the metric, status and doctor), applies nothing new, and the remedy written in the
 * signing runbook — a signed commit that changes each trusted file — settles it.
 */
class TrustWalkBoundE2E extends SiteTest {

  @Test
  void too_many_unsigned_commits_on_top_are_untrusted_and_apply_nothing_until_an_admin_signs()
      throws Exception {
    TrustFixture f = TrustFixture.open(site, ROSTER, true, "  max_unsigned_commits: 20\n", "");
    f.roster.sync();
    Files.writeString(f.roster.workTree().resolve(RosterRepo.PATH), GRANT);
    f.roster.git("add", "-A");
    f.roster.git(
        "-c", "user.name=mallory", "-c", "user.email=" + MALLORY, "commit", "-q", "-m", "g");
    for (int i = 0; i < 25; i++) {
      Files.writeString(f.roster.workTree().resolve("README.md"), i + "\n");
      f.roster.git("add", "-A");
      f.roster.git(
          "-c", "user.name=mallory", "-c", "user.email=" + MALLORY, "commit", "-q", "-m", "docs");
    }
    f.roster.git("push", "-q", "origin", "HEAD:refs/heads/master");
    String before = f.host();
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.out().contains("too many unsigned commits since the last signed change (20)"), r.out());
    assertTrue(r.out().contains("docs/runbooks/roster-signing.md"), r.out());
    assertEquals(before, f.host(), "nothing new is applied");
    assertFalse(f.groups("emo").contains("sudo"));
    String prom = Files.readString(f.metrics.resolve("workstation.prom"));
    assertTrue(prom.contains("workstation_roster_untrusted_changes 1"), prom);
    assertEquals(1, f.ws("status").code());
    Sandbox.Result doctor = f.ws("doctor");
    assertTrue(doctor.out().contains("FAIL  roster untrusted change"), doctor.out());

    // the remedy: an admin's signed commit that changes each trusted file
    f.roster.sync();
    Files.writeString(f.roster.workTree().resolve(RosterRepo.PATH), ROSTER + "# reviewed\n");
    Files.writeString(
        f.roster.workTree().resolve(RosterRepo.SETTINGS), TrustFixture.SETTINGS + " ");
    f.roster.git("add", "-A");
    f.roster.commitStagedWithCli(ADMIN, "roster: reviewed, signed", f.keys.admin());
    Sandbox.Result ok = f.ws("reconcile");
    assertEquals(0, ok.code(), ok.both());
    assertFalse(ok.out().contains("untrusted"), ok.out());
  }
}
