package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code plan --diff} shows what each file write would change — generated maps, env files, the
 * kubeconfig (a stale one read back by its user's worker), git credentials — and never a secret:
 * the output is scanned for every token the host and Vault hold.
 */
class PlanDiffIT extends SiteTest {
  static final String ROSTER =
      """
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil, k8s_user: emo, tier: power-user}
      """;
  static final String OAUTH = "sk-ant-oat01-Zq3xLegacySharedToken0000";
  static final String FORGEJO = "forgejo-token-emo-7f3a9c";
  static final String VAULT_TOKEN = "hvs.vaultRootTokenOfTheDevvm0001";

  VaultFake vault;
  Path config;

  @BeforeEach
  void setUp() throws Exception {
    vault =
        site.closeAfter(
            new VaultFake(VAULT_TOKEN)
                .put("secret", "workstation/users/emo", Map.of("forgejo_token", FORGEJO))
                .put("secret", "workstation/users/wizard", Map.of("forgejo_token", "fj-wizard-1")));
    Path token = box.dir().resolve("vault-token");
    Files.writeString(token, VAULT_TOKEN + "\n");
    config = Path.of(site.everyFacet().config());
    Files.writeString(
        config,
        Files.readString(config)
                .replace(
                    "units: {per_user: [t3-serve@], env_dir: /etc/t3-serve, port_pools: {t3: 3773}}",
                    "units: {per_user: [], env_dir: /etc/t3-serve, port_pools: {t3: 3773},"
                        + " env_strip: [CLAUDE_CODE_OAUTH_TOKEN]}")
            + "vault: {address: "
            + vault.address()
            + ", token_file: "
            + token
            + ", user_secrets: {mount: secret, path: \"workstation/users/{os_user}\","
            + " field: forgejo_token}}\n");
    // the legacy provisioner left a shared secret in emo's env file
    box.write(
        "/etc/t3-serve/emo.env", "CLAUDE_CODE_OAUTH_TOKEN=" + OAUTH + "\nT3_PORT=3773\n", "0600");
    site.adminGroups();
    roster.commitRoster(ROSTER);
  }

  static void noSecrets(String out) {
    for (String secret : List.of(OAUTH, FORGEJO, VAULT_TOKEN, "s3cret")) {
      assertFalse(out.contains(secret), "a secret in the output:\n" + out);
    }
  }

  @Test
  void plan_diff_shows_each_file_writes_content_with_secrets_redacted() {
    Sandbox.Result plan = site.ws("plan", "--diff");
    assertEquals(2, plan.code(), plan.both());
    String out = plan.out();
    noSecrets(plan.both());
    // the env file: the shared secret goes, by name only
    assertTrue(out.contains("      --- /etc/t3-serve/emo.env"), out);
    assertTrue(out.contains("      -CLAUDE_CODE_OAUTH_TOKEN=<redacted>"), out);
    assertTrue(out.contains("       T3_PORT=3773"), out);
    // a generated map, from nothing
    assertTrue(out.contains("      +emil=emo"), out);
    // the kubeconfig a new account gets
    assertTrue(out.contains("      +++ ~/.kube/config (planned)"), out);
    assertTrue(out.contains("      +      - \"--grant-type=authcode-keyboard\""), out);
    // git credentials from Vault: never fetched for a plan, one redacted line
    assertTrue(out.contains("      +http://emo:<redacted>@127.0.0.1:"), out);
    assertTrue(
        vault.requests().stream().noneMatch(r -> r.contains("workstation/users")), "Vault read");

    Sandbox.Result json = site.ws("--json", "plan", "--diff");
    assertEquals(2, json.code());
    noSecrets(json.both());
    assertTrue(json.out().contains("\"diff\": ["), json.out());

    Sandbox.Result dry = site.ws("reconcile", "--dry-run", "--diff");
    assertEquals(2, dry.code(), "reconcile --dry-run has plan's exit codes");
    noSecrets(dry.both());
    assertTrue(dry.out().contains("-CLAUDE_CODE_OAUTH_TOKEN=<redacted>"), dry.out());
  }

  @Test
  void a_stale_kubeconfig_is_diffed_against_what_the_user_has_now() throws Exception {
    site.ws("reconcile", "--no-freshen").ok();
    assertEquals(0, site.ws("reconcile", "--dry-run").code(), "converged: nothing to do (exit 0)");
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "oidc_client_id: kubernetes}",
                "oidc_client_id: kubernetes, extra_scopes: [groups]}"));
    Sandbox.Result plan = site.ws("plan", "--diff", "--user", "emo");
    assertEquals(2, plan.code(), plan.both());
    assertTrue(plan.out().contains("      --- ~/.kube/config"), plan.out());
    assertTrue(plan.out().contains("      +      - \"--oidc-extra-scope=groups\""), plan.out());
    assertTrue(plan.out().contains("         - \"--oidc-client-id=kubernetes\""), plan.out());
    noSecrets(plan.both());
  }
}
