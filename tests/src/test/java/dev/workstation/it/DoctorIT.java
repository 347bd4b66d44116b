package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.SigningKeys;
import dev.workstation.input.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor against a real OpenID provider (mock-oauth2-server), the Vault fake and a local roster
 * repo.
 */
class DoctorIT {
  @TempDir Path dir;

  Map<String, Object> doctor(Path config) throws Exception {
    return doctor(
        config,
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            Sandbox.jar().toString()));
  }

  /** {@code workstation --config=CONFIG ARGS} from the built jar. */
  static Process workstation(Path config, String... args) throws Exception {
    java.util.List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Sandbox.jar().toString(),
                "--config=" + config));
    argv.addAll(List.of(args));
    return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** {@code doctor --json} of {@code config}, the CLI started as {@code cli}. */
  Map<String, Object> doctor(Path config, List<String> cli) throws Exception {
    java.util.List<String> argv = new java.util.ArrayList<>(cli);
    argv.addAll(List.of("--config=" + config, "--json", "doctor"));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Map<String, Object> json = JsonReader.object("doctor output", out);
    json.put("exit", (long) p.exitValue());
    return json;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> check(Map<String, Object> doctor, String name) {
    for (Object c : (List<Object>) doctor.get("checks")) {
      if (((Map<String, Object>) c).get("name").equals(name)) {
        return (Map<String, Object>) c;
      }
    }
    throw new AssertionError("no check " + name + " in " + doctor);
  }

  @Test
  void doctor_names_every_check_and_verifies_oidc_discovery_vault_and_the_roster()
      throws Exception {
    MockOAuth2Server oidc = new MockOAuth2Server();
    oidc.start();
    try (RosterRepo roster = RosterRepo.create(dir);
        VaultFake vault = new VaultFake("tok-1")) {
      roster.commitRoster("users:\n  emo: {authentik_user: e, k8s_user: emo, tier: power-user}\n");
      vault.put("secret", "platform", Map.of("k8s_users", "{}"));
      Files.writeString(dir.resolve("token"), "tok-1\n");
      String common =
          "roster: {url: "
              + roster.origin()
              + ", branch: master, path: "
              + RosterRepo.PATH
              + ", admins: [a@x.org]}\n"
              + "state_dir: "
              + dir.resolve("state")
              + "\n"
              + "vault: {address: "
              + vault.address()
              + ", token_file: "
              + dir.resolve("token")
              + ", k8s_users: {mount: secret, path: platform, field: k8s_users}}\n";
      Path good = dir.resolve("good.yaml");
      Files.writeString(
          good,
          common
              + "kube: {server: https://127.0.0.1:1, certificate_authority_data: Q0E=, oidc_issuer: "
              + oidc.issuerUrl("default")
              + ", oidc_client_id: kubernetes}\n");
      Map<String, Object> ok = doctor(good);
      assertEquals("ok", check(ok, "oidc discovery").get("status"), ok.toString());
      assertEquals("ok", check(ok, "vault").get("status"), ok.toString());
      assertEquals("ok", check(ok, "roster fetch").get("status"), ok.toString());
      assertEquals("ok", check(ok, "site config").get("status"));
      assertTrue(((List<?>) ok.get("checks")).size() >= 15);

      Path bad = dir.resolve("bad.yaml");
      Files.writeString(
          bad,
          common.replace("tok-1", "wrong")
              + "kube: {server: https://127.0.0.1:1, certificate_authority_data: Q0E=,"
              + " oidc_issuer: http://127.0.0.1:1/nowhere, oidc_client_id: kubernetes}\n");
      Files.writeString(dir.resolve("token"), "wrong-token\n");
      Map<String, Object> failing = doctor(bad);
      assertEquals(1L, failing.get("exit"));
      assertEquals("fail", check(failing, "oidc discovery").get("status"));
      assertEquals("fail", check(failing, "vault").get("status"));
      assertTrue(
          String.valueOf(check(failing, "vault").get("detail")).contains("permission denied"),
          failing.toString());
      assertTrue(
          !String.valueOf(failing).contains("wrong-token"),
          "the token never appears in doctor's output");
    } finally {
      oidc.shutdown();
    }
  }

  @Test
  void doctor_fails_in_unverified_mode_and_on_signing_files_others_may_write() throws Exception {
    try (RosterRepo roster = RosterRepo.create(dir)) {
      SigningKeys keys = SigningKeys.create(dir);
      roster.signedBy(keys.admin());
      roster.commitRoster("users:\n  emo: {authentik_user: e, k8s_user: emo, tier: power-user}\n");
      String base =
          "roster:\n  url: "
              + roster.origin()
              + "\n  path: "
              + RosterRepo.PATH
              + "\n  admins: [a@x.org]\n";
      String state = "state_dir: " + dir.resolve("state") + "\n";
      Path unverified = dir.resolve("unverified.yaml");
      Files.writeString(unverified, base + state);
      Map<String, Object> off = doctor(unverified);
      assertEquals(1L, off.get("exit"));
      assertEquals("fail", check(off, "roster signatures").get("status"), off.toString());
      assertTrue(
          String.valueOf(check(off, "roster signatures").get("detail"))
              .contains("unverified mode"));
      assertEquals("warn", check(off, "roster admins").get("status"), "admins: is deprecated");

      Path verified = dir.resolve("verified.yaml");
      Files.writeString(verified, base + keys.siteKeys() + state);
      Map<String, Object> on = doctor(verified);
      assertEquals("ok", check(on, "roster signatures").get("status"), on.toString());
      assertEquals("ok", check(on, "roster signing key").get("status"), on.toString());
      assertEquals("ok", check(on, "roster fetch").get("status"), on.toString());

      Files.setPosixFilePermissions(
          keys.allowedSigners(),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
      Files.setPosixFilePermissions(
          keys.cli(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      Map<String, Object> loose = doctor(verified);
      assertEquals(1L, loose.get("exit"));
      assertTrue(
          String.valueOf(check(loose, "roster signatures").get("detail"))
              .contains("is writable by others than root"),
          loose.toString());
      assertTrue(
          String.valueOf(check(loose, "roster signing key").get("detail"))
              .contains("is readable by others than root"),
          loose.toString());
    }
  }

  @Test
  void doctor_fails_until_every_configured_unit_template_is_installed() throws Exception {
    SystemdRoot systemd = SystemdRoot.create(dir.resolve("systemd-root"));
    systemd.templates("t3-serve@.service");
    Path config = dir.resolve("units.yaml");
    Files.writeString(
        config,
        "state_dir: "
            + dir.resolve("state")
            + "\nunits: {per_user: [t3-serve@, claude-auth-sync@.timer]}\n");
    // the CLI with systemd driven offline under the scratch root
    List<String> offline = TestPorts.systemctlRoot(systemd.dir()).argv(Sandbox.jar(), dir);
    Map<String, Object> missing = check(doctor(config, offline), "unit templates");
    assertEquals("fail", missing.get("status"), missing.toString());
    assertEquals("not installed: claude-auth-sync@.timer", missing.get("detail"));
    assertTrue(missing.get("remedy").toString().contains("docs/examples/t3-serve@.service"));

    systemd.templates("claude-auth-sync@.timer");
    Map<String, Object> found = check(doctor(config, offline), "unit templates");
    assertEquals("ok", found.get("status"), found.toString());
    assertTrue(
        found.get("detail").toString().contains("etc/systemd/system/claude-auth-sync@.timer"));
  }

  @Test
  void doctor_fails_on_an_empty_config_that_plan_refuses_and_says_what_to_add() throws Exception {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "");
    Map<String, Object> d = doctor(empty);
    assertEquals(1L, d.get("exit"), d.toString());
    assertEquals("fail", check(d, "roster source").get("status"));
    assertTrue(String.valueOf(check(d, "roster source").get("remedy")).contains("roster:"));
    assertEquals(3, workstation(empty, "plan").waitFor(), "plan refuses the same config");
  }

  /**
   * SPEC §6.12: doctor reads each applied user's Claude-login policy from Vault with root's token
   * (the documented issuer policy) and fails one that is missing or reaches beyond its user's path.
   */
  @Test
  void doctor_checks_each_claude_auth_users_policy_exists_and_reaches_only_their_path()
      throws Exception {
    try (VaultFake vault = VaultTokensIT.withPolicies("emo")) {
      String issuer =
          vault.issue("workstation", List.of("workstation-issuer"), java.time.Duration.ofDays(9));
      Files.writeString(dir.resolve("token"), issuer + "\n");
      new dev.workstation.reconcile.AppliedRoster(dir.resolve("state"))
          .write(
              new dev.workstation.reconcile.AppliedRoster.Snapshot(
                  "test",
                  ("users:\n  emo: {authentik_user: e, k8s_user: emo, tier: power-user}\n"
                          + "  kai: {authentik_user: k, k8s_user: kai, tier: power-user}\n"
                          + "  off: {authentik_user: o, k8s_user: off, tier: power-user,"
                          + " claude_auth: false}\n")
                      .getBytes(StandardCharsets.UTF_8),
                  java.util.Optional.empty(),
                  false));
      Path config = dir.resolve("claude.yaml");
      Files.writeString(
          config,
          "state_dir: "
              + dir.resolve("state")
              + "\nvault: {address: "
              + vault.address()
              + ", token_file: "
              + dir.resolve("token")
              + "}\nclaude_auth: {}\n");
      String name = "claude_auth policies";
      Map<String, Object> missing = check(doctor(config), name);
      assertEquals("fail", missing.get("status"), missing.toString());
      assertEquals("policy workstation-claude-kai does not exist", missing.get("detail"));

      vault.policy("workstation-claude-kai", VaultTokensIT.userPolicy("emo"));
      Map<String, Object> wide = check(doctor(config), name);
      assertEquals("fail", wide.get("status"));
      assertEquals(
          "policy workstation-claude-kai reaches beyond kai's path:"
              + " secret/data/workstation/claude-users/emo",
          wide.get("detail"));

      vault.policy("workstation-claude-kai", VaultTokensIT.userPolicy("kai"));
      Map<String, Object> ok = doctor(config);
      assertEquals("ok", check(ok, name).get("status"), ok.toString());
      assertEquals(
          "2 users' policies each reach only their own secret path", check(ok, name).get("detail"));
      assertTrue(!String.valueOf(ok).contains(issuer), "root's token never appears");
    }
  }
}
