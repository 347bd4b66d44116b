package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6.13 end to end, in the sandbox: the IdP group (the Authentik fake, read through the real
 * client) is the list of who has access. A new member becomes a signed commit that {@code git
 * verify-commit} accepts and a real reconcile turns into an account at the floor tier; a member who
 * leaves is cut by the next reconcile; an empty read changes nothing and fails. A sync that cuts
 * more than {@code max_cuts} is held on the box until an admin lets it through.
 */
class MembershipSyncE2E extends SiteTest {
  static final String WIZARD =
      "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n";

  TrustFixture f;
  IdpFixture idp;

  void open(String roster, String... members) throws Exception {
    idp = IdpFixture.open(site).members(members);
    f = TrustFixture.open(site, roster, true, idp.section(""));
  }

  String head() throws Exception {
    return f.roster.git("--git-dir=" + f.roster.origin(), "rev-parse", "master").strip();
  }

  String committedRoster() throws Exception {
    return f.roster.git("--git-dir=" + f.roster.origin(), "show", "master:" + RosterRepo.PATH);
  }

  boolean cut(String user) {
    return f.box
        .exec("chage", "-l", user)
        .ok()
        .out()
        .matches("(?s).*Account expires\\s*: Jan 01, 1970.*");
  }

  String verifyCommit() throws Exception {
    return f.roster.git(
        "--git-dir=" + f.roster.origin(),
        "-c",
        "gpg.ssh.allowedSignersFile=" + f.keys.allowedSigners(),
        "verify-commit",
        "master");
  }

  @Test
  void a_member_joins_leaves_and_an_empty_read_changes_nothing() throws Exception {
    open(TrustFixture.ROSTER, "vbarzin", "emil");
    assertEquals(0, f.ws("membership", "sync").code(), "in step: nothing to do");

    // 1. the group gains a member: one signed commit, and a reconcile makes the account
    idp.members("vbarzin", "emil", "newbie@example.org");
    String before = head();
    Sandbox.Result sync = f.ws("membership", "sync");
    assertEquals(0, sync.code(), sync.both());
    assertTrue(sync.out().contains("add          newbie  authentik_user newbie"), sync.out());
    assertEquals(
        before, f.roster.git("--git-dir=" + f.roster.origin(), "rev-parse", "master~1").strip());
    assertEquals("", verifyCommit(), "git verify-commit accepts the sync's commit");
    String roster = committedRoster();
    assertTrue(
        roster.contains(
            "  # "
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                + " joined T3 Users (workstation membership sync)\n"
                + "  newbie: {authentik_user: newbie, k8s_user: newbie, tier: namespace-owner,"
                + " namespaces: [newbie], code_layout: workspace}\n"),
        roster);
    Sandbox.Result reconcile = f.ws("reconcile");
    assertEquals(0, reconcile.code(), reconcile.both());
    assertTrue(f.exists("newbie"), "reconcile created the account");
    assertFalse(f.groups("newbie").contains("sudo"), "at the floor tier, not above it");
    assertEquals(
        "devvm membership: newbie (newbie) joined T3 Users and gets a namespace-owner row; the box"
            + " creates the account on its next reconcile (roster commit "
            + head().substring(0, 12)
            + ")",
        idp.idp.announcements().get(0));

    // the next sync plans nothing, and commits nothing
    Sandbox.Result dry = f.ws("membership", "sync", "--dry-run");
    assertEquals(0, dry.code(), dry.both());
    assertTrue(dry.out().contains("dry run: nothing to change"), dry.out());
    String after = head();
    assertEquals(0, f.ws("membership", "sync").code());
    assertEquals(after, head(), "no second commit");

    // 2. the member leaves: commented out under a dated note, and the reconcile cuts them
    idp.members("vbarzin", "emil");
    Sandbox.Result leave = f.ws("membership", "sync");
    assertEquals(0, leave.code(), leave.both());
    assertTrue(committedRoster().contains("removed newbie: left T3 Users"), committedRoster());
    assertEquals("", verifyCommit());
    assertEquals(0, f.ws("reconcile").code());
    assertTrue(cut("newbie"), "the reconcile cut the member who left");
    assertFalse(cut("emo"));

    // 3. the group reads empty: nothing changes, exit 1
    idp.members();
    String host = f.host();
    String last = head();
    Sandbox.Result empty = f.ws("membership", "sync");
    assertEquals(1, empty.code(), empty.both());
    assertTrue(empty.err().contains("an empty group is never \"remove everyone\""), empty.err());
    assertEquals(last, head(), "no commit");
    assertEquals(0, f.ws("reconcile").code());
    assertEquals(host, f.host(), "the host did not change");
    String metrics = Files.readString(f.metrics.resolve("workstation-membership.prom"));
    assertTrue(metrics.contains("workstation_membership_last_run_exit_code 1\n"), metrics);
    assertTrue(metrics.contains("workstation_membership_last_success "), "kept across failures");
  }

  @Test
  void a_sync_that_cuts_more_than_max_cuts_is_held_on_the_box_until_an_admin_allows_it()
      throws Exception {
    open(
        "users:\n"
            + WIZARD
            + BlastRadiusE2E.row("ann")
            + BlastRadiusE2E.row("bob")
            + BlastRadiusE2E.row("cid")
            + BlastRadiusE2E.row("dee"),
        "vbarzin",
        "ann",
        "bob",
        "cid",
        "dee");
    idp.members("vbarzin", "dee");
    Sandbox.Result sync = f.ws("membership", "sync");
    assertEquals(0, sync.code(), sync.both());
    assertTrue(
        sync.err().contains("more than roster.max_cuts (2): the box holds the roster back"),
        sync.err());
    assertEquals("", verifyCommit());

    String host = f.host();
    Sandbox.Result held = f.ws("reconcile");
    assertEquals(1, held.code(), held.both());
    assertTrue(held.out().contains("held back: it would cut 3 users (ann, bob, cid)"), held.out());
    assertEquals(host, f.host(), "the last applied roster stays in force");

    Sandbox.Result allowed = f.ws("reconcile", "--allow-cuts", "3");
    assertEquals(0, allowed.code(), allowed.both());
    assertTrue(cut("ann") && cut("bob") && cut("cid"));
    assertFalse(cut("dee"));
  }
}
