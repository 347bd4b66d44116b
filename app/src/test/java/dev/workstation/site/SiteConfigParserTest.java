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
    assertEquals(List.of("viktor@example.org"), c.roster().orElseThrow().admins());
    assertEquals("/bin/zsh", c.defaultShell());
    assertEquals(List.of("code-shared", "docker", "sudo"), c.groupsFor(Tier.ADMIN));
    assertEquals("forgejo", c.infra().orElseThrow().pushRemote());
    assertEquals(SiteConfig.CloneCredentials.NONE, c.infra().orElseThrow().cloneCredentials());
    assertEquals(SiteConfig.LinkStrategy.ENTRIES, c.configBase().orElseThrow().strategy());
    assertEquals(List.of("email", "profile", "groups"), c.kube().orElseThrow().extraScopes());
    assertEquals(
        "workstation/users/{os_user}", c.vault().orElseThrow().userSecrets().orElseThrow().path());
    assertEquals(3773, c.units().portPools().get("t3"));
    assertEquals(4L << 30, c.capacity().orElseThrow().memoryPerUserBytes());
    assertEquals(Duration.ofSeconds(10), c.freshen().sessionTimeout());
    assertTrue(c.metrics().isPresent());
  }

  @Test
  void an_empty_config_means_every_feature_is_skipped_and_defaults_apply() {
    SiteConfig c = parse("");
    assertFalse(c.vault().isPresent());
    assertFalse(c.kube().isPresent());
    assertEquals(Path.of("/var/lib/workstation"), c.stateDir());
    assertEquals(3773, c.units().portPools().get("t3"));
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
        4000, parse("units: {port_pools: {t3: 3773, web: 4000}}\n").units().portPools().get("web"));
    assertTrue(
        error("units: {port_pools: {t3: 80}}\n")
            .contains("units.port_pools.t3: must be a base port"));
  }

  @Test
  void vault_needs_a_way_to_log_in() {
    assertTrue(error("vault: {address: https://v}\n").contains("set token_file or approle"));
  }
}
