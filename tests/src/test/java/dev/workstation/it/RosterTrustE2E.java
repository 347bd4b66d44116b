package dev.workstation.it;

import static dev.workstation.it.TrustFixture.ADMIN;
import static dev.workstation.it.TrustFixture.GRANT;
import static dev.workstation.it.TrustFixture.HOOKS;
import static dev.workstation.it.TrustFixture.MALLORY;
import static dev.workstation.it.TrustFixture.ROSTER;
import static dev.workstation.it.TrustFixture.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.1 against a real roster repository served by the test git server, with keys from
 * ssh-keygen and commits signed by the git CLI and by JGit: the attacks the old escalation guard
 * let through (found on the build before it), and variants, are refused, reported and change
 * nothing on the host; an admin-signed change after them is applied.
 */
class RosterTrustE2E {
  TrustFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = TrustFixture.open(ROSTER);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void
      an_unsigned_push_granting_admin_and_installing_hooks_is_reported_everywhere_and_applied_nowhere()
          throws Exception {
    String grant = f.unsigned(RosterRepo.PATH, GRANT, MALLORY);
    String hooks = f.unsigned(RosterRepo.SETTINGS, HOOKS, MALLORY);

    Sandbox.Result r = f.assertUntrusted(grant, "mallory <mallory@example.org>", "unsigned");
    assertTrue(r.out().contains("untrusted: commit " + hooks.substring(0, 12)), r.out());
    assertTrue(r.out().contains("changes " + RosterRepo.SETTINGS), r.out());
    assertFalse(f.groups("emo").contains("sudo"), "no admin groups from an unsigned grant");
    assertEquals(SETTINGS, f.installedSettings(), "the unsigned hooks are not installed");
    assertTrue(
        Files.readString(f.metrics.resolve("workstation.prom"))
            .contains("workstation_roster_untrusted_changes 2"),
        Files.readString(f.metrics.resolve("workstation.prom")));

    Sandbox.Result plan = f.ws("plan");
    assertTrue(plan.out().contains("untrusted: commit " + grant.substring(0, 12)), plan.out());
    Sandbox.Result status = f.ws("status");
    assertEquals(1, status.code(), "an untrusted change pending is unhealthy: " + status.both());
    assertTrue(status.out().contains("untrusted: commit " + hooks.substring(0, 12)), status.out());
    Sandbox.Result json = f.ws("--json", "status");
    @SuppressWarnings("unchecked")
    Map<String, Object> source =
        (Map<String, Object>)
            dev.workstation.input.JsonReader.object("status", json.out()).get("source");
    assertEquals("verified", source.get("trust"));
    assertEquals(2, ((List<?>) source.get("untrusted")).size(), json.out());
    Sandbox.Result doctor = f.ws("doctor");
    assertEquals(1, doctor.code(), doctor.both());
    assertTrue(doctor.out().contains("FAIL  roster untrusted change"), doctor.out());

    // the admin reviews and re-states both files in one signed commit: applied, nothing pending
    f.roster.sync();
    Files.writeString(f.roster.workTree().resolve(RosterRepo.PATH), ROSTER);
    Files.writeString(f.roster.workTree().resolve(RosterRepo.SETTINGS), SETTINGS);
    f.roster.git("add", "-A");
    f.roster.commitStagedWithCli(ADMIN, "roster: revert mallory's changes", f.keys.admin());
    Sandbox.Result fixed = f.ws("reconcile");
    assertEquals(0, fixed.code(), fixed.both());
    assertFalse(fixed.out().contains("untrusted"), fixed.out());
    assertEquals(0, f.ws("status").code());
  }

  @Test
  void author_spoofed_wrongly_signed_and_cr_desync_grants_are_refused_until_an_admin_signs_one()
      throws Exception {
    String spoofed = f.unsigned(RosterRepo.PATH, GRANT, ADMIN);
    f.assertUntrusted(spoofed, "viktor <viktor@example.org>", "unsigned");

    String wrongKey =
        f.roster.commitWithCli(
            RosterRepo.PATH, GRANT + "# approved\n", MALLORY, "roster: approved", f.keys.mallory());
    f.assertUntrusted(wrongKey, "mallory <mallory@example.org>", "signature not accepted");

    // the old guard's blame counted lines one way and YAML another: one CR shifted them
    String desync =
        ROSTER.replace(
            "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n",
            "  # note\r  emo: {authentik_user: emil, k8s_user: emo, tier: admin}\n");
    String cr = f.unsigned(RosterRepo.PATH, desync, "emo@example.org");
    f.assertUntrusted(cr, "emo <emo@example.org>", "unsigned");
    assertFalse(f.groups("emo").contains("sudo"));

    f.roster.commitWithCli(
        RosterRepo.PATH, GRANT, ADMIN, "roster: emo is admin (approved)", f.keys.admin());
    Sandbox.Result ok = f.ws("reconcile");
    assertEquals(0, ok.code(), ok.both());
    assertFalse(ok.out().contains("untrusted"), ok.out());
    assertTrue(f.groups("emo").contains("sudo"), "an admin-signed grant is applied");
  }

  @Test
  void a_commit_signed_by_jgit_with_a_listed_key_is_applied() throws Exception {
    f.roster.commitSignedByJGit(RosterRepo.PATH, GRANT, ADMIN, f.keys.admin());
    Sandbox.Result ok = f.ws("reconcile");
    assertEquals(0, ok.code(), ok.both());
    assertTrue(f.groups("emo").contains("sudo"));
  }

  @Test
  void unsigned_symlinks_at_the_trusted_paths_are_untrusted_and_read_nowhere() throws Exception {
    f.roster.sync();
    Path work = f.roster.workTree();
    Files.delete(work.resolve(RosterRepo.PATH));
    Files.createSymbolicLink(work.resolve(RosterRepo.PATH), Path.of("/etc/login.defs"));
    Files.delete(work.resolve(RosterRepo.SETTINGS));
    Files.createSymbolicLink(work.resolve(RosterRepo.SETTINGS), Path.of("/etc/shadow"));
    f.roster.git("add", "-A");
    String link = f.roster.commitStagedWithCli(MALLORY, "roster: tidy", null);
    f.assertUntrusted(link, "mallory <mallory@example.org>", "unsigned");
    assertEquals(SETTINGS, f.installedSettings());
  }

  @Test
  void an_admin_signed_symlink_submodule_or_directory_at_a_trusted_path_is_an_error_naming_it()
      throws Exception {
    f.roster.sync();
    Path work = f.roster.workTree();
    Files.delete(work.resolve(RosterRepo.SETTINGS));
    Files.createSymbolicLink(work.resolve(RosterRepo.SETTINGS), Path.of("/etc/shadow"));
    f.roster.git("add", "-A");
    String link = f.roster.commitStagedWithCli(ADMIN, "roster: link the settings", f.keys.admin());
    assertRefusedAs(link, RosterRepo.SETTINGS + " is a symlink at commit " + link.substring(0, 12));

    f.roster.sync();
    f.roster.git("rm", "-q", "--cached", RosterRepo.SETTINGS);
    f.roster.git(
        "update-index", "--add", "--cacheinfo", "160000," + link + "," + RosterRepo.SETTINGS);
    String gitlink =
        f.roster.commitStagedWithCli(ADMIN, "roster: settings as a submodule", f.keys.admin());
    assertRefusedAs(
        gitlink, RosterRepo.SETTINGS + " is a submodule at commit " + gitlink.substring(0, 12));

    f.roster.sync();
    f.roster.git("rm", "-q", "--cached", RosterRepo.SETTINGS);
    Files.deleteIfExists(work.resolve(RosterRepo.SETTINGS));
    Files.createDirectories(work.resolve(RosterRepo.SETTINGS));
    Files.writeString(work.resolve(RosterRepo.SETTINGS).resolve("x"), "{}\n");
    f.roster.git("add", "-A");
    String tree = f.roster.commitStagedWithCli(ADMIN, "roster: settings dir", f.keys.admin());
    assertRefusedAs(
        tree, RosterRepo.SETTINGS + " is a directory at commit " + tree.substring(0, 12));
  }

  private void assertRefusedAs(String commit, String message) {
    String before = f.host();
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(3, r.code(), r.both());
    assertTrue(r.err().contains(message), "expected '" + message + "' in:\n" + r.err());
    assertEquals(before, f.host(), "nothing changed");
  }

  @Test
  void a_fetch_outage_applies_only_the_verified_snapshot() throws Exception {
    f.unsigned(RosterRepo.PATH, GRANT, MALLORY);
    f.server.close(); // the outage: the roster repository cannot be reached
    String before = f.host();
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("using the last applied roster"), r.out());
    assertEquals(before, f.host(), "the verified snapshot is what is in force already");
    assertFalse(f.groups("emo").contains("sudo"));

    // an admin tries a local file: applied (root's explicit act), recorded as unverified ...
    Path local = f.box.dir().resolve("local.yaml");
    Files.writeString(
        local, ROSTER + "  zed: {authentik_user: zed, k8s_user: zed, tier: power-user}\n");
    Sandbox.Result file = f.ws("reconcile", "--roster", local.toString());
    assertEquals(0, file.code(), file.both());
    assertTrue(file.out().contains("is a local file: unverified"), file.out());
    // ... so the next outage has no verified snapshot to fall back to, and changes nothing
    String after = f.host();
    Sandbox.Result refused = f.ws("reconcile");
    assertEquals(1, refused.code(), refused.both());
    assertTrue(refused.err().contains("was not verified, so it is not used"), refused.err());
    assertEquals(after, f.host());
  }

  /** The admin adds zed in a signed commit, which a reconcile applies; returns the commit. */
  private String applyZed() throws Exception {
    String zed = ROSTER + "  zed: {authentik_user: zed, k8s_user: zed, tier: power-user}\n";
    String applied = f.roster.commitWithCli(RosterRepo.PATH, zed, ADMIN, "add zed", f.keys.admin());
    f.ws("reconcile").ok();
    assertTrue(f.exists("zed"));
    return applied;
  }

  @Test
  void a_rewritten_history_is_refused_and_the_last_applied_roster_stays_in_force()
      throws Exception {
    String old = f.roster.git("rev-parse", "HEAD").strip();
    String applied = applyZed();

    // a rollback to an older, validly signed commit: a force-push anyone with push rights can do
    f.roster.git("push", "-q", "-f", "origin", old + ":refs/heads/master");
    String before = f.host();
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.out()
            .contains("does not descend from the last applied commit " + applied.substring(0, 12)),
        r.out());
    assertEquals(before, f.host(), "zed is not cut; nothing changes");
    assertTrue(
        f.box.exec("chage", "-l", "zed").ok().out().matches("(?s).*Account expires\\s*: never.*"));
    assertEquals(1, f.ws("status").code(), "status shows it");

    // a signed commit on top of the rewritten history does not make it descend either
    f.roster.commitWithCli(RosterRepo.PATH, ROSTER + "# x\n", ADMIN, "on top", f.keys.admin());
    assertEquals(1, f.ws("reconcile").code());

    // restoring the history (runbook: recover.md) lets the next run go on
    f.roster.git("push", "-q", "-f", "origin", applied + ":refs/heads/master");
    Sandbox.Result ok = f.ws("reconcile");
    assertEquals(0, ok.code(), ok.both());
  }

  @Test
  void a_signed_merge_vouches_for_what_it_brings_in_but_an_unsigned_first_parent_commit_does_not()
      throws Exception {
    String zed = ROSTER + "  zed: {authentik_user: zed, k8s_user: zed, tier: power-user}\n";
    f.roster.sync();
    f.roster.git("checkout", "-q", "-b", "mallory-branch");
    Files.writeString(f.roster.workTree().resolve(RosterRepo.PATH), zed);
    f.roster.git("add", "-A");
    f.roster.git(
        "-c", "user.name=mallory", "-c", "user.email=" + MALLORY, "commit", "-q", "-m", "add zed");
    f.roster.git("checkout", "-q", "master");
    asAdmin("merge", "-q", "--no-ff", "-S", "-m", "merge mallory's request", "mallory-branch");
    f.roster.git("push", "-q", "origin", "HEAD:refs/heads/master");
    Sandbox.Result merged = f.ws("reconcile");
    assertEquals(0, merged.code(), merged.both());
    assertTrue(f.exists("zed"), "the signed merge vouches for the unsigned commit it brings in");

    String direct =
        f.unsigned(RosterRepo.PATH, zed.replace("tier: power-user}\n", "tier: admin}\n"), MALLORY);
    f.assertUntrusted(direct, "mallory <mallory@example.org>", "unsigned");
  }

  @Test
  void an_unsigned_merge_whose_first_parent_is_older_cannot_roll_back_a_signed_change()
      throws Exception {
    String s0 = f.roster.git("rev-parse", "HEAD").strip();
    String s1 = applyZed();

    // mallory: a merge of (S0, S1) with S0's tree fast-forwards the branch from S1, and differs
    // from its first parent in nothing
    f.roster.sync();
    String tree = f.roster.git("rev-parse", s0 + "^{tree}").strip();
    String merge =
        f.roster
            .git(
                "-c",
                "user.name=mallory",
                "-c",
                "user.email=" + MALLORY,
                "commit-tree",
                tree,
                "-p",
                s0,
                "-p",
                s1,
                "-m",
                "Merge branch 'master'")
            .strip();
    f.roster.git("push", "-q", "origin", merge + ":refs/heads/master");
    String before = f.host();
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.out().contains("untrusted changes to the roster source: " + merge.substring(0, 12)),
        r.out());
    assertEquals(before, f.host(), "zed is not cut; nothing changes");
    assertTrue(
        f.box.exec("chage", "-l", "zed").ok().out().matches("(?s).*Account expires\\s*: never.*"));
  }

  /** The git CLI as the admin, with their signing key configured. */
  private void asAdmin(String... args) throws Exception {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "-c",
                "user.name=viktor",
                "-c",
                "user.email=" + ADMIN,
                "-c",
                "gpg.format=ssh",
                "-c",
                "user.signingkey=" + f.keys.admin()));
    all.addAll(List.of(args));
    f.roster.git(all.toArray(String[]::new));
  }

  @Test
  void an_unsigned_merge_of_a_signed_commit_is_untrusted() throws Exception {
    f.roster.sync();
    f.roster.git("checkout", "-q", "-b", "side");
    Files.writeString(f.roster.workTree().resolve(RosterRepo.PATH), GRANT);
    f.roster.git("add", "-A");
    asAdmin("commit", "-q", "-S", "-m", "signed on a side branch");
    f.roster.git("checkout", "-q", "master");
    f.roster.git(
        "-c",
        "user.name=mallory",
        "-c",
        "user.email=" + MALLORY,
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "merge",
        "side");
    f.roster.git("push", "-q", "origin", "HEAD:refs/heads/master");
    String merge = f.roster.git("rev-parse", "HEAD").strip();
    f.assertUntrusted(merge, "mallory <mallory@example.org>", "unsigned");
  }

  @Test
  void
      a_key_listed_only_for_another_namespace_or_expired_or_a_signature_for_another_namespace_is_refused()
          throws Exception {
    // mallory's key is listed, but only for file signatures
    f.keys.allow(MALLORY, f.keys.mallory(), "namespaces=\"file\"");
    String otherNamespace =
        f.roster.commitWithCli(RosterRepo.PATH, GRANT, MALLORY, "grant", f.keys.mallory());
    f.assertUntrusted(otherNamespace, "mallory <mallory@example.org>", "signature not accepted");

    // an old admin key whose validity ended in 2020
    SigningKeys.keygen(f.keys.key("retired"), "retired@example.org");
    f.keys.allow("retired@example.org", f.keys.key("retired"), "valid-before=\"20200101\"");
    String expired =
        f.roster.commitWithCli(
            RosterRepo.PATH,
            GRANT + "# b\n",
            "retired@example.org",
            "grant",
            f.keys.key("retired"));
    f.assertUntrusted(expired, "retired <retired@example.org>", "expired");

    // a genuine admin signature, but made with ssh-keygen -Y sign -n file over the commit
    String forged =
        f.roster.commitSignedInNamespace(
            RosterRepo.PATH, GRANT + "# c\n", MALLORY, f.keys.admin(), "file");
    f.assertUntrusted(forged, "mallory <mallory@example.org>", "signature not accepted");
    assertFalse(f.groups("emo").contains("sudo"));
  }

  @Test
  void a_retired_key_cannot_vouch_for_a_new_commit_by_backdating_it() throws Exception {
    SigningKeys.keygen(f.keys.key("retired"), "retired@example.org");
    f.keys.allow("retired@example.org", f.keys.key("retired"), "valid-before=\"20200101\"");
    f.roster.sync();
    Files.writeString(f.roster.workTree().resolve(RosterRepo.PATH), GRANT);
    f.roster.git("add", "-A");
    f.roster.gitWith(
        Map.of(
            "GIT_COMMITTER_DATE",
            "2019-06-01T00:00:00Z",
            "GIT_AUTHOR_DATE",
            "2019-06-01T00:00:00Z"),
        "-c",
        "user.name=retired",
        "-c",
        "user.email=retired@example.org",
        "-c",
        "gpg.format=ssh",
        "-c",
        "user.signingkey=" + f.keys.key("retired"),
        "commit",
        "-q",
        "-S",
        "-m",
        "grant");
    f.roster.git("push", "-q", "origin", "HEAD:refs/heads/master");
    String backdated = f.roster.git("rev-parse", "HEAD").strip();
    f.assertUntrusted(backdated, "retired <retired@example.org>", "valid-before");
    assertFalse(f.groups("emo").contains("sudo"), "no admin groups from a retired key");
  }
}
