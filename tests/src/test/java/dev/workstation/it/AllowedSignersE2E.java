package dev.workstation.it;

import static dev.workstation.it.TrustFixture.ADMIN;
import static dev.workstation.it.TrustFixture.GRANT;
import static dev.workstation.it.TrustFixture.ROSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The allowed-signers file is read by one parser, for the verdict, the expiry and doctor (issue 23,
 * items 2 and 12): a malformed line or a missing file stops the run with exit 3 naming it (and
 * doctor fails there), a {@code cert-authority,valid-before} line distrusts no plain-key signer,
 * and an expired authority line cannot vouch for a backdated certificate commit.
 */
class AllowedSignersE2E extends SiteTest {

  void append(TrustFixture f, String line) throws Exception {
    Files.writeString(f.keys.allowedSigners(), line + "\n", StandardOpenOption.APPEND);
  }

  @Test
  void a_malformed_line_stops_every_run_with_exit_3_naming_the_file_and_the_line()
      throws Exception {
    TrustFixture f = TrustFixture.open(site, ROSTER);
    f.roster.commitWithCli(RosterRepo.PATH, GRANT, ADMIN, "emo is admin", f.keys.admin());
    append(f, "emo@example.org"); // line 3: a name with no key
    String before = f.host();
    String where = f.keys.allowedSigners() + ":3:";
    for (String command : new String[] {"reconcile", "plan"}) {
      Sandbox.Result r = f.ws(command);
      assertEquals(3, r.code(), r.both());
      assertTrue(r.err().contains(where) && r.err().contains("no key"), r.err());
      assertFalse(r.err().contains("has no version"), "the roster is not to blame: " + r.err());
    }
    assertEquals(before, f.host(), "nothing applied");
    Sandbox.Result doctor = f.ws("doctor");
    assertEquals(1, doctor.code(), doctor.both());
    assertTrue(
        doctor.out().contains("FAIL  roster signatures") && doctor.out().contains(where),
        doctor.out());

    // bad base64 on a line of its own: named too
    Files.writeString(
        f.keys.allowedSigners(),
        Files.readString(f.keys.allowedSigners()).replace("emo@example.org\n", "")
            + "emo@example.org ssh-ed25519 AAAA!!!!\n");
    Sandbox.Result bad = f.ws("reconcile");
    assertEquals(3, bad.code(), bad.both());
    assertTrue(bad.err().contains(where) && bad.err().contains("not valid base64"), bad.err());
  }

  @Test
  void a_missing_file_is_exit_3_and_doctors_remedy_creates_it() throws Exception {
    TrustFixture f = TrustFixture.open(site, ROSTER);
    Path signers = f.keys.allowedSigners();
    Files.delete(signers);
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(3, r.code(), r.both());
    assertTrue(r.err().contains(signers + ": roster.allowed_signers: does not exist"), r.err());
    Sandbox.Result doctor = f.ws("doctor");
    String remedy = "install -o root -g root -m 644 /dev/null " + signers;
    assertTrue(doctor.out().contains(remedy), doctor.out());
    f.box.sh(remedy).ok(); // the remedy works as written
    assertTrue(Files.isRegularFile(signers));
    assertTrue(f.ws("doctor").out().contains(signers + " lists no key"));
  }

  @Test
  void a_cert_authority_line_with_valid_before_distrusts_no_plain_key_signer() throws Exception {
    TrustFixture f = TrustFixture.open(site, ROSTER);
    SigningKeys.keygen(f.keys.key("ca"), "ca");
    append(
        f,
        "*@example.org cert-authority,valid-before=\"20990101\" "
            + SigningKeys.publicKey(f.keys.key("ca")));
    f.roster.commitWithCli(RosterRepo.PATH, GRANT, ADMIN, "emo is admin", f.keys.admin());
    Sandbox.Result r = f.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(f.groups("emo").contains("sudo"), "the admin's plain-key commit is applied");
  }

  @Test
  void an_expired_authority_line_cannot_vouch_for_a_backdated_certificate_commit()
      throws Exception {
    TrustFixture f = TrustFixture.open(site, ROSTER);
    Path ca = f.keys.key("ca");
    Path ops = f.keys.key("ops");
    SigningKeys.keygen(ca, "ca");
    SigningKeys.keygen(ops, "ops");
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-s",
                ca.toString(),
                "-I",
                "ops",
                "-n",
                "ops@example.org",
                "-V",
                "20180101:20990101",
                ops + ".pub")
            .redirectErrorStream(true)
            .start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
    append(
        f, "*@example.org cert-authority,valid-before=\"20200101Z\" " + SigningKeys.publicKey(ca));
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
        "user.name=ops",
        "-c",
        "user.email=ops@example.org",
        "-c",
        "gpg.format=ssh",
        "-c",
        "user.signingkey=" + ops + "-cert.pub",
        "commit",
        "-q",
        "-S",
        "-m",
        "grant");
    f.roster.git("push", "-q", "origin", "HEAD:refs/heads/master");
    String backdated = f.roster.git("rev-parse", "HEAD").strip();
    // git judges at the date the commit claims, and says good
    assertTrue(
        f.roster
            .git(
                "-c",
                "gpg.ssh.allowedSignersFile=" + f.keys.allowedSigners(),
                "verify-commit",
                "--raw",
                backdated)
            .isEmpty());
    f.assertUntrusted(backdated, "ops <ops@example.org>", "valid-before");
    assertFalse(f.groups("emo").contains("sudo"), "no admin groups from an expired authority");
  }

  @Test
  void managed_settings_no_signed_change_vouches_for_are_named_with_the_remedy_that_works()
      throws Exception {
    SigningKeys keys = SigningKeys.create(box.dir());
    // the settings came in before signatures were on; the roster was signed (runbook step 3, half)
    roster.commitWithCli(RosterRepo.SETTINGS, TrustFixture.SETTINGS, "emo@example.org", "s", null);
    roster.commitWithCli(RosterRepo.PATH, ROSTER, ADMIN, "roster", keys.admin());
    site.configure(
        keys.siteKeys() + "  managed_settings_path: " + RosterRepo.SETTINGS + "\n",
        "managed_settings: {dest: /etc/claude-code/managed-settings.json}\n");
    site.adminGroups();
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(3, r.code(), r.both());
    assertTrue(r.err().contains(RosterRepo.SETTINGS + " has no version on master signed"), r.err());
    assertFalse(r.err().contains(RosterRepo.PATH + " has no version"), r.err());
    Sandbox.Result doctor = site.ws("doctor");
    assertTrue(
        doctor.out().contains("FAIL  roster signatures")
            && doctor.out().contains(RosterRepo.SETTINGS + " has no version"),
        doctor.out());
    assertFalse(doctor.out().contains("fix the committed roster"), doctor.out());

    // the runbook's way to sign a JSON file: a signed commit that adds a blank at its end
    roster.commitWithCli(
        RosterRepo.SETTINGS, TrustFixture.SETTINGS + " ", ADMIN, "sign the settings", keys.admin());
    Sandbox.Result ok = site.ws("reconcile");
    assertEquals(0, ok.code(), ok.both());
    assertEquals(
        TrustFixture.SETTINGS + " ",
        box.exec("cat", "/etc/claude-code/managed-settings.json").ok().out());
  }
}
