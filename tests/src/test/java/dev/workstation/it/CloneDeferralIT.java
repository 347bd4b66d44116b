package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A roster repo the server will not give the user is "not found or no access": a warning, retried
 * next run, shown in status. A clone that fails for any other reason (here: the disk is full) is a
 * failure, and the run exits 1.
 */
class CloneDeferralIT extends SiteTest {
  static final String ROSTER =
      """
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        anca:
          authentik_user: ancaelena98
          k8s_user: anca
          tier: namespace-owner
          namespaces: [plotting-book]
          code_layout: workspace
          repos: [tripit, ghost, private]
      """;

  SiteFixture.Full facets;

  @BeforeEach
  void setUp() throws Exception {
    facets = site.everyFacet();
    // private: readable only by users the server knows; ghost: not there at all
    facets
        .server()
        .serve(
            "viktor/private.git",
            Fixtures.plainRepo(box.dir().resolve("fixtures"), "private"),
            false);
    site.adminGroups();
    roster.commitRoster(ROSTER);
  }

  @Test
  void a_repo_the_server_does_not_give_is_not_found_or_no_access_a_warning_and_shown_in_status() {
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    for (String repo : new String[] {"ghost", "private"}) {
      assertTrue(
          r.out()
              .contains("warning: anca: could not clone " + repo + " yet: not found or no access"),
          r.out());
    }
    assertTrue(r.out().contains(" deferred=2 warnings="), r.out());
    int warnings =
        Integer.parseInt(r.out().replaceAll("(?s).* deferred=2 warnings=([0-9]+) .*", "$1"));
    assertEquals(
        r.out().lines().filter(l -> l.startsWith("warning: ")).count(),
        warnings,
        "every warning line is counted, each deferral among them");
    assertTrue(box.exec("test", "-d", "/home/anca/code/tripit/.git").code() == 0);

    Sandbox.Result status = site.ws("status");
    assertTrue(
        status
            .out()
            .contains("    last run: deferred: could not clone ghost yet: not found or no access"),
        status.out());
  }

  @Test
  void a_clone_that_fails_on_a_full_disk_is_a_failure_not_a_deferral() {
    site.ws("reconcile", "--no-freshen").ok(); // tripit cloned, the others deferred
    facets
        .server()
        .serve("viktor/ghost.git", box.dir().resolve("fixtures/tripit.git"), true); // now there
    // the sandbox's /home is its own tmpfs: shrink it to what is used, so the next clone finds
    // no space left
    box.sh(
            "used=$(df --output=used -k /home | tail -1); mount -o remount,size=$((used + 4))k"
                + " /home")
        .ok();
    Sandbox.Result r = site.ws("reconcile", "--no-freshen");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.out().contains("FAILED anca: clone ghost"), r.out());
    assertFalse(r.out().contains("could not clone ghost yet"), r.out());
  }
}
