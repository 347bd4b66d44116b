package dev.workstation.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.InvalidInputException;
import dev.workstation.roster.Tier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteConfigParserTest {

  static SiteConfig parse(String yaml) {
    return SiteConfigParser.parse("workstation.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static String error(String yaml) {
    return assertThrows(InvalidInputException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void the_shipped_example_parses_with_every_section() throws Exception {
    Path example = Path.of(System.getProperty("user.dir")).resolve("../workstation.example.yaml");
    SiteConfig c = SiteConfigParser.parse(example.toString(), Files.readAllBytes(example));
    assertEquals("master", c.roster().orElseThrow().branch());
    assertEquals(
        Path.of("/etc/workstation/allowed_signers"),
        c.roster().orElseThrow().allowedSigners().orElseThrow());
    assertEquals(2, c.roster().orElseThrow().maxCuts());
    assertFalse(c.roster().orElseThrow().deprecatedAdmins());
    assertEquals("/bin/zsh", c.defaultShell());
    assertEquals(List.of("code-shared", "docker", "sudo"), c.groupsFor(Tier.ADMIN));
    assertEquals("forgejo", c.infra().orElseThrow().pushRemote());
    assertEquals(SiteConfig.CloneCredentials.NONE, c.infra().orElseThrow().cloneCredentials());
    assertEquals(SiteConfig.LinkStrategy.ENTRIES, c.configBase().orElseThrow().strategy());
    assertEquals(List.of("email", "profile", "groups"), c.kube().orElseThrow().extraScopes());
    assertEquals(
        "workstation/users/{os_user}", c.vault().orElseThrow().userSecrets().orElseThrow().path());
    assertEquals(PortPool.shortForm("t3", 3773), c.units().portPools().get("t3"));
    assertEquals(
        new PortPool("playwright", 8931, "playwright-{user}.env", "PLAYWRIGHT_PORT"),
        c.units().portPools().get("playwright"));
    assertEquals(
        List.of("t3-serve@", "playwright-mcp@"),
        c.units().perUser().stream().map(UnitTemplate::toString).toList());
    assertEquals(List.of("CLAUDE_CODE_OAUTH_TOKEN"), c.units().envStrip());
    assertEquals(4L << 30, c.capacity().orElseThrow().memoryPerUserBytes());
    ContainmentSettings caps = c.containment().orElseThrow();
    assertEquals(12L << 30, caps.memoryMax(Tier.NAMESPACE_OWNER));
    assertEquals(6L << 30, caps.paneMemoryMax());
    assertEquals(1.5, caps.overcommit());
    assertEquals(Duration.ofSeconds(10), c.freshen().sessionTimeout());
    assertTrue(c.metrics().isPresent());
    SiteConfig.ClaudeAuth auth = c.claudeAuth().orElseThrow();
    assertEquals("secret", auth.mount());
    assertEquals("workstation/claude-users/emo", auth.path("emo"));
    assertEquals("workstation-claude-emo", auth.policy("emo"));
    assertEquals(Duration.ofHours(768), auth.tokenPeriod());
    assertEquals(SiteConfig.ClaudeAuthCheck.INFERENCE, auth.check());
  }

  static final String VAULT =
      "vault: {address: https://v, token_file: /t, user_secrets: {mount: kv, path: u, field: f}}\n";

  @Test
  void claude_auth_takes_the_spec_defaults_and_the_user_secrets_mount() {
    SiteConfig.ClaudeAuth auth = parse(VAULT + "claude_auth: {}\n").claudeAuth().orElseThrow();
    assertEquals(SiteConfig.ClaudeAuth.defaults("kv"), auth);
    assertEquals("workstation-claude-auth-a_b", auth.displayName("a_b"));
    assertEquals(
        "secret",
        parse("vault: {address: https://v, token_file: /t}\nclaude_auth: {check: none}\n")
            .claudeAuth()
            .orElseThrow()
            .mount(),
        "without user_secrets, Vault's default KV mount");
    assertFalse(parse(VAULT).claudeAuth().isPresent(), "no section: the feature is off");
  }

  @Test
  void claude_auth_without_vault_is_an_error() {
    String e = error("claude_auth: {check: none}\n");
    assertTrue(e.contains("claude_auth") && e.contains("needs a vault: section"), e);
  }

  @Test
  void claude_auth_templates_must_name_the_user_once_and_be_plain_paths_and_names() {
    for (String bad :
        List.of(
            "path: shared/claude",
            "path: \"a/{os_user}/{os_user}\"",
            "path: \"a/{os_user}/../b\"",
            "path: \"/abs/{os_user}\"",
            "path: \"a/*/{os_user}\"",
            "path: \"a/{user}/{os_user}\"",
            "policy: workstation-claude",
            "policy: \"Claude-{os_user}\"")) {
      String e = error(VAULT + "claude_auth: {" + bad + "}\n");
      assertTrue(e.contains("workstation.yaml:2:") && e.contains("claude_auth."), bad + ": " + e);
    }
  }

  @Test
  void claude_auth_period_and_check_are_checked() {
    assertTrue(
        error(VAULT + "claude_auth: {token_period: 6h}\n").contains("at least 12h"), "6h period");
    String e = error(VAULT + "claude_auth: {check: status}\n");
    assertTrue(e.contains("claude_auth.check") && e.contains("inference"), e);
    assertTrue(error(VAULT + "claude_auth: {checks: none}\n").contains("check"), "typo");
    assertEquals(
        SiteConfig.ClaudeAuthCheck.NONE,
        parse(VAULT + "claude_auth: {check: none, token_period: 24h}\n")
            .claudeAuth()
            .orElseThrow()
            .check());
  }

  @Test
  void an_empty_config_means_every_feature_is_skipped_and_defaults_apply() {
    SiteConfig c = parse("");
    assertFalse(c.vault().isPresent());
    assertFalse(c.kube().isPresent());
    assertEquals(Path.of("/var/lib/workstation"), c.stateDir());
    assertEquals(3773, c.units().portPools().get("t3").base());
    assertEquals("/bin/zsh", c.defaultShell(), "the original provisioner's shell");
  }

  @Test
  void the_infra_clone_is_anonymous_unless_clone_credentials_says_user() {
    assertEquals(
        SiteConfig.CloneCredentials.NONE,
        parse("infra: {clone_url: https://h/infra.git}\n")
            .infra()
            .orElseThrow()
            .cloneCredentials());
    assertEquals(
        SiteConfig.CloneCredentials.USER,
        parse("infra: {clone_url: https://h/infra.git, clone_credentials: user}\n")
            .infra()
            .orElseThrow()
            .cloneCredentials());
  }

  @Test
  void an_unknown_clone_credentials_mode_is_a_positioned_error_naming_both_modes() {
    String e = error("infra:\n  clone_url: https://h/infra.git\n  clone_credentials: token\n");
    assertTrue(
        e.contains(
            "workstation.yaml:3:22: infra.clone_credentials: 'token' is not a credentials mode;"
                + " use none (anonymous) or user (the user's own token)"),
        e);
    assertTrue(
        error("infra: {clone_url: https://h/i.git, clone_credential: user}\n")
            .contains("did you mean 'clone_credentials'?"));
  }

  @Test
  void unknown_keys_are_errors_with_suggestions() {
    assertTrue(
        error("stat_dir: /x\n")
            .contains("workstation.yaml:1:1: stat_dir: unknown field (did you mean 'state_dir'?)"));
    assertTrue(
        error("vault:\n  adress: https://v\n  token_file: /t\n")
            .contains("vault.adress: unknown field (did you mean 'address'?)"));
  }

  @Test
  void wrong_types_and_values_are_positioned_errors() {
    String e =
        error(
            "state_dir: relative/path\nfreshen: {jobs: 0, timeout: soon}\ncapacity: {memory_per_user: lots}\n");
    assertTrue(
        e.contains("workstation.yaml:1:12: state_dir: 'relative/path' must be an absolute path"),
        e);
    assertTrue(e.contains("freshen.jobs: must be at least 1"), e);
    assertTrue(e.contains("freshen.timeout: 'soon' is not a duration"), e);
    assertTrue(e.contains("capacity.memory_per_user: is not a size"), e);
  }

  @Test
  void required_keys_of_a_present_section_are_enforced() {
    String e = error("roster: {branch: main}\n");
    assertTrue(e.contains("roster.url: required field is missing"), e);
  }

  @Test
  void a_url_with_embedded_credentials_is_refused() {
    String e = error("repos: {base_url: \"https://u:secret@forgejo.example/v\"}\n");
    assertTrue(e.contains("must not carry credentials"), e);
  }

  @Test
  void a_tier_groups_key_that_is_not_a_tier_is_an_error() {
    assertTrue(
        error("tier_groups: {admins: [sudo]}\n")
            .contains("tier_groups.admins: unknown field (did you mean 'admin'?)"));
  }

  @Test
  void port_pools_accept_any_pool_name_with_a_sane_port() {
    assertEquals(
        4000,
        parse("units: {port_pools: {t3: 3773, web: 4000}}\n")
            .units()
            .portPools()
            .get("web")
            .base());
    assertTrue(
        error("units: {port_pools: {t3: 80}}\n")
            .contains("units.port_pools.t3: must be a base port"));
  }

  @Test
  void a_long_form_pool_names_its_own_file_and_key_and_the_short_form_keeps_todays() {
    SiteConfig c =
        parse(
            "units:\n  port_pools:\n    t3: 3773\n"
                + "    playwright: {base: 8931, file: \"playwright-{user}.env\", key: PLAYWRIGHT_PORT}\n"
                + "    web: {base: 5000}\n");
    PortPool pw = c.units().portPools().get("playwright");
    assertEquals("playwright-emo.env", pw.fileName("emo"));
    assertEquals("PLAYWRIGHT_PORT", pw.key());
    assertEquals(
        new PortPool("t3", 3773, "{user}.env", "T3_PORT"), c.units().portPools().get("t3"));
    assertEquals(
        new PortPool("web", 5000, "{user}.env", "WEB_PORT"), c.units().portPools().get("web"));
  }

  @Test
  void a_bad_long_form_pool_is_reported_field_by_field_with_its_position() {
    String e =
        error(
            "units:\n  port_pools:\n"
                + "    a: {base: 4000, file: \"/etc/{user}.env\", key: A-PORT, bse: 1}\n"
                + "    b: {file: \"b.env\"}\n"
                + "    c: {base: 5000, file: \"../c-{user}.env\"}\n"
                + "    d: {base: 6000, file: \"d-{user}.txt\"}\n"
                + "    e: [1]\n");
    assertTrue(
        e.contains(
            "workstation.yaml:3:27: units.port_pools.a.file: '/etc/{user}.env' must be a file name"),
        e);
    assertTrue(
        e.contains("units.port_pools.a.key: 'A-PORT' is not an environment variable name"), e);
    assertTrue(e.contains("units.port_pools.a.bse: unknown field (did you mean 'base'?)"), e);
    assertTrue(e.contains("units.port_pools.b.base: "), e);
    assertTrue(e.contains("units.port_pools.b.file: 'b.env' must contain {user} once"), e);
    assertTrue(e.contains("units.port_pools.c.file: '../c-{user}.env' must be a file name"), e);
    assertTrue(e.contains("units.port_pools.d.file: 'd-{user}.txt' must end in .env"), e);
    assertTrue(e.contains("units.port_pools.e: must be a base port (e.g. 3773) or {base"), e);
  }

  @Test
  void pools_may_not_share_a_base_or_a_file_and_key() {
    assertTrue(
        error("units: {port_pools: {t3: 3773, web: {base: 3773, file: \"web-{user}.env\"}}}\n")
            .contains("units.port_pools.web: base 3773 is also pool t3's"));
    assertTrue(
        error("units: {port_pools: {t3: 3773, web: {base: 4000, key: T3_PORT}}}\n")
            .contains("units.port_pools.web: pool t3 already keeps T3_PORT in {user}.env"));
  }

  @Test
  void env_strip_takes_env_names_but_never_a_pools_key() {
    assertEquals(
        List.of("LEGACY_TOKEN"), parse("units: {env_strip: [LEGACY_TOKEN]}\n").units().envStrip());
    String e = error("units: {env_strip: [T3_PORT, \"bad name\"]}\n");
    assertTrue(e.contains("units.env_strip: T3_PORT is a port pool's key"), e);
    assertTrue(e.contains("units.env_strip: 'bad name' is not an environment variable name"), e);
  }

  @Test
  void per_user_takes_services_and_timers_and_refuses_anything_else() {
    List<UnitTemplate> t =
        parse("units: {per_user: [t3-serve@, x@.service, snapshot-refresh@.timer]}\n")
            .units()
            .perUser();
    assertEquals("t3-serve@emo.service", t.get(0).instance("emo"));
    assertEquals("x@emo.service", t.get(1).instance("emo"));
    assertEquals("snapshot-refresh@emo.timer", t.get(2).instance("emo"));
    assertEquals("snapshot-refresh@.timer", t.get(2).file());
    String e = error("units: {per_user: [t3-serve, a@.socket, t3-serve@, t3-serve@.service]}\n");
    assertTrue(e.contains("'t3-serve' is not a per-user unit: use NAME@"), e);
    assertTrue(e.contains("'a@.socket' is not a per-user unit"), e);
    assertTrue(e.contains("'t3-serve@.service' is listed twice"), e);
  }

  @Test
  void per_user_refuses_workstations_own_claude_auth_timer_which_claude_auth_gates() {
    String e = error("units: {per_user: [t3-serve@, workstation-claude-auth@.timer]}\n");
    assertTrue(
        e.contains(
            "units.per_user: 'workstation-claude-auth@.timer' is workstation's own unit: the"
                + " claude_auth: section and each user's claude_auth flag turn it on and off"),
        e);
  }

  @Test
  void vault_needs_a_way_to_log_in() {
    assertTrue(error("vault: {address: https://v}\n").contains("set token_file or approle"));
  }

  @Test
  void a_duration_without_a_unit_is_told_to_add_one_and_the_advice_parses() {
    String e = error("freshen: {timeout: 30}\n");
    assertTrue(
        e.contains("freshen.timeout: '30' has no unit; write it like 30s (or 500ms, 5m, 1h)"), e);
    assertTrue(!e.contains("quote it"), e);
    assertEquals(Duration.ofSeconds(30), parse("freshen: {timeout: 30s}\n").freshen().timeout());
  }

  @Test
  void grant_type_defaults_to_authcode_keyboard_and_only_kubelogins_grant_types_are_accepted() {
    String kube =
        "kube: {server: https://k:6443, certificate_authority_data: Q0E=, oidc_issuer:"
            + " https://sso/o/, oidc_client_id: kubernetes";
    assertEquals("authcode-keyboard", parse(kube + "}\n").kube().orElseThrow().grantType());
    assertEquals(
        "device-code",
        parse(kube + ", grant_type: device-code}\n").kube().orElseThrow().grantType());
    String e = error(kube + ", grant_type: browser}\n");
    assertTrue(e.contains("kube.grant_type: 'browser' is not a kubelogin grant type"), e);
  }

  @Test
  void the_roster_trust_keys_parse_and_admins_is_only_a_deprecation() {
    SiteConfig c =
        parse(
            "roster: {url: /r, allowed_signers: /etc/w/allowed_signers, signing_key: /etc/w/key,"
                + " max_cuts: 0, admins: [a@x.org]}\n");
    SiteConfig.RosterSource r = c.roster().orElseThrow();
    assertEquals(Path.of("/etc/w/allowed_signers"), r.allowedSigners().orElseThrow());
    assertEquals(Path.of("/etc/w/key"), r.signingKey().orElseThrow());
    assertEquals(0, r.maxCuts());
    assertTrue(r.deprecatedAdmins());
    assertEquals(List.of("roster.yaml"), r.trustedPaths());
    assertEquals(2, parse("roster: {url: /r}\n").roster().orElseThrow().maxCuts());
  }

  @Test
  void a_negative_max_cuts_or_a_relative_allowed_signers_is_an_error() {
    assertTrue(
        error("roster: {url: /r, max_cuts: -1}\n").contains("roster.max_cuts: must be a whole"),
        error("roster: {url: /r, max_cuts: -1}\n"));
    assertTrue(
        error("roster: {url: /r, allowed_signers: keys}\n")
            .contains("roster.allowed_signers: 'keys' must be an absolute path"));
  }

  @Test
  void max_unsigned_commits_bounds_the_trust_walk_and_must_be_a_positive_count() {
    assertEquals(
        SiteConfig.RosterSource.DEFAULT_MAX_UNSIGNED_COMMITS,
        parse("roster: {url: /r}\n").roster().orElseThrow().maxUnsignedCommits());
    assertEquals(
        5000,
        parse("roster: {url: /r, max_unsigned_commits: 5000}\n")
            .roster()
            .orElseThrow()
            .maxUnsignedCommits());
    assertTrue(
        error("roster: {url: /r, max_unsigned_commits: 0}\n")
            .contains("roster.max_unsigned_commits: must be a whole number from 1"),
        error("roster: {url: /r, max_unsigned_commits: 0}\n"));
  }
}
