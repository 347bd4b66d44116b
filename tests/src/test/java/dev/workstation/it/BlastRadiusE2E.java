package dev.workstation.it;

import static dev.workstation.it.TrustFixture.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.4 end to end: even an admin-signed roster is held back when it would cut more than
 * roster.max_cuts users, or leave no users or no admin — the last applied roster stays in force,
 * the run says why and exits 1 — until the signed commit carries {@code Workstation-Allow-Cuts: N}
 * or an admin runs {@code reconcile --allow-cuts N}.
 */
class BlastRadiusE2E extends SiteTest {
  static final String WIZARD =
      "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n";
  static final String FOUR =
      "users:\n" + WIZARD + row("ann") + row("bob") + row("cid") + row("dee");

  TrustFixture f;

  static String row(String u) {
    return "  " + u + ": {authentik_user: " + u + ", k8s_user: " + u + ", tier: power-user}\n";
  }

  @BeforeEach
  void setUp() throws Exception {
    f = TrustFixture.open(site, FOUR);
  }

  boolean cut(String user) {
    return f.box
        .exec("chage", "-l", user)
        .ok()
        .out()
        .matches("(?s).*Account expires\\s*: Jan 01, 1970.*");
  }

  void assertHeld(String reason) {
    String before = f.host();
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.out().contains("held back: " + reason), r.out());
    assertFalse(r.out().contains("cut-user"), r.out());
    assertEquals(before, f.host(), "the last applied roster stays in force");
  }

  @Test
  void a_signed_roster_cutting_three_users_is_held_until_reconcile_allow_cuts_3() throws Exception {
    f.roster.commit(RosterRepo.PATH, "users:\n" + WIZARD + row("dee"), ADMIN, "membership sync");
    assertHeld("it would cut 3 users (ann, bob, cid), more than roster.max_cuts (2)");
    Sandbox.Result plan = f.ws("plan");
    assertTrue(plan.out().contains("held back"), plan.out());
    assertEquals(1, f.ws("status").code(), "held is unhealthy");
    assertTrue(
        f.ws("reconcile", "--allow-cuts", "2")
            .out()
            .contains("the allowance given, 2, is too small"));
    assertFalse(cut("ann"));

    Sandbox.Result allowed = f.ws("reconcile", "--allow-cuts", "3");
    assertEquals(0, allowed.code(), allowed.both());
    assertTrue(cut("ann") && cut("bob") && cut("cid"), allowed.out());
    assertFalse(cut("dee"));
    assertEquals(0, f.ws("reconcile").code(), "applied: nothing held any more");
  }

  @Test
  void the_trailer_in_the_signed_commit_lets_its_cuts_through() throws Exception {
    f.roster.commit(
        RosterRepo.PATH,
        "users:\n" + WIZARD,
        ADMIN,
        "roster: the team moved on\n\nWorkstation-Allow-Cuts: 4\n");
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(cut("ann") && cut("bob") && cut("cid") && cut("dee"), r.out());
  }

  @Test
  void the_trailer_in_an_unsigned_commit_counts_for_nothing() throws Exception {
    String c =
        f.roster.commitWithCli(
            RosterRepo.PATH,
            "users:\n" + WIZARD,
            "mallory@example.org",
            "roster: cleanup\n\nWorkstation-Allow-Cuts: 4\n",
            null);
    f.assertUntrusted(c, "mallory <mallory@example.org>", "unsigned");
    assertFalse(cut("ann"));
  }

  @Test
  void an_emptied_roster_or_one_without_an_admin_is_held_even_within_max_cuts() throws Exception {
    f.roster.commit(RosterRepo.PATH, "users: {}\n# everyone commented out\n", ADMIN, "oops");
    assertHeld(
        "it would cut 4 users (ann, bob, cid, dee), more than roster.max_cuts (2) and it leaves"
            + " no users");
    f.roster.commit(
        RosterRepo.PATH,
        FOUR.replace("tier: admin", "tier: power-user"),
        ADMIN,
        "demote the admin");
    assertHeld("it leaves no admin");
    assertTrue(f.groups("wizard").contains("sudo"), "the admin keeps admin");
  }

  @Test
  void a_reason_cannot_forge_the_override_nor_put_raw_control_bytes_in_the_signed_commit()
      throws Exception {
    f.roster.commit(RosterRepo.PATH, "users:\n" + WIZARD + row("dee"), ADMIN, "membership sync");
    assertHeld("it would cut 3 users (ann, bob, cid), more than roster.max_cuts (2)");
    // issue 23: this reason made the next reconcile apply the held cut of three
    String reason = "on leave\nWorkstation-Allow-Cuts: 9\n\u001b[2J\u0007\rRun by: mallory";
    Sandbox.Result park = f.ws("park", "dee", "--reason", reason);
    assertEquals(1, park.code(), "the cuts stay held: " + park.both());
    assertFalse(cut("ann") || cut("bob") || cut("cid"), park.out());
    assertHeld("it would cut 3 users (ann, bob, cid), more than roster.max_cuts (2)");
    String message = f.roster.git("--git-dir=" + f.roster.origin(), "log", "-1", "--format=%B");
    assertTrue(message.startsWith("roster: park dee\n"), message);
    assertFalse(message.chars().anyMatch(c -> c < 0x20 && c != '\n'), "raw controls: " + message);
    assertEquals(1, message.lines().filter(l -> l.startsWith("Run by")).count(), message);
    assertEquals(
        "",
        f.roster.git("--git-dir=" + f.roster.origin(), "log", "-1", "--format=%(trailers)").strip(),
        "git finds no trailer");
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(f.roster.origin().toFile())) {
      var head = git.log().setMaxCount(1).call().iterator().next();
      assertEquals(java.util.List.of(), head.getFooterLines(), "JGit finds no trailer");
    }
  }

  @Test
  void the_trailer_counts_only_from_an_admins_signature_never_from_the_cli_key() throws Exception {
    String c =
        f.roster.commitWithCli(
            RosterRepo.PATH,
            "users:\n" + WIZARD + row("dee"),
            "workstation@devvm",
            "roster: sync\n\nWorkstation-Allow-Cuts: 9\n",
            f.keys.cli());
    assertHeld("it would cut 3 users (ann, bob, cid), more than roster.max_cuts (2)");
    assertFalse(cut("ann"));
    assertTrue(c.length() == 40);
  }
}
