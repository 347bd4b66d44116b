package dev.workstation.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.InvalidInputException;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.MembershipConfig.OsUserFrom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipSectionTest {
  static final String ROSTER =
      "roster: {url: /srv/roster.git, branch: master, path: roster.yaml}\n";
  static final String GOOD =
      ROSTER
          + "membership:\n"
          + "  url: https://sso.home.lan\n"
          + "  group: T3 Users\n"
          + "  token_file: /etc/workstation/authentik-token\n"
          + "  floor: {tier: namespace-owner, namespaces: [\"{os_user}\", shared], code_layout: workspace}\n";

  static SiteConfig parse(String yaml) {
    return SiteConfigParser.parse("workstation.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static String error(String yaml) {
    return assertThrows(InvalidInputException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void the_shipped_example_has_the_section_of_the_spec() throws Exception {
    Path example = Path.of(System.getProperty("user.dir")).resolve("../workstation.example.yaml");
    MembershipConfig m =
        SiteConfigParser.parse(example.toString(), Files.readAllBytes(example))
            .membership()
            .orElseThrow();
    assertEquals("T3 Users", m.group());
    assertEquals(Path.of("/etc/workstation/authentik-token"), m.tokenFile());
    assertEquals(OsUserFrom.USERNAME, m.osUserFrom());
    assertEquals(Tier.NAMESPACE_OWNER, m.floor().tier());
    assertEquals(List.of("{os_user}"), m.floor().namespaces());
    assertEquals(Optional.of(CodeLayout.WORKSPACE), m.floor().layout());
    assertTrue(m.announceUrl().isPresent());
  }

  @Test
  void a_minimal_section_reads_with_its_defaults() {
    MembershipConfig m = parse(GOOD).membership().orElseThrow();
    assertEquals("https://sso.home.lan", m.url());
    assertEquals(OsUserFrom.USERNAME, m.osUserFrom());
    assertEquals(Optional.empty(), m.announceUrl());
    assertEquals(List.of("anca-elena98", "shared"), m.floor().namespacesFor("anca_elena98"));
    assertEquals(Optional.empty(), parse(ROSTER).membership(), "absent: the feature is skipped");
  }

  @Test
  void every_problem_of_the_section_is_reported_at_once_with_its_path() {
    String e =
        error(
            ROSTER
                + "membership:\n"
                + "  source: keycloak\n"
                + "  url: file:///srv/idp\n"
                + "  group: \"\"\n"
                + "  os_user_from: mail\n"
                + "  floor: {tier: admin, namespaces: [\"Bad_NS\"], code_layout: flat}\n"
                + "  announce_url: /tmp/hook\n"
                + "  tokens: x\n");
    for (String expected :
        List.of(
            "membership.source: 'keycloak' is not a supported identity provider",
            "membership.url: must be an https:// (or http://) URL",
            "membership.group: must be the group's name",
            "membership.os_user_from: 'mail' is not one of username, email-local-part",
            "membership.floor.tier: the floor cannot be admin",
            "membership.floor.namespaces[0]: 'Bad_NS' is not a namespace name",
            "membership.floor.code_layout: must be single or workspace",
            "membership.announce_url: must be an https:// (or http://) URL",
            "membership.tokens: unknown field",
            "membership.token_file: required field is missing")) {
      assertTrue(e.contains(expected), expected + " in:\n" + e);
    }
  }

  @Test
  void the_floor_follows_the_roster_rules_of_its_tier() {
    assertTrue(
        error(GOOD.replace("namespaces: [\"{os_user}\", shared], ", ""))
            .contains("a namespace-owner floor needs at least one namespace"));
    assertTrue(
        error(GOOD.replace("tier: namespace-owner", "tier: power-user"))
            .contains("membership.floor.namespaces: only a namespace-owner has namespaces"));
    assertTrue(
        error(GOOD.replace("  floor: {", "  flor: {")).contains("membership.floor: required"));
  }

  @Test
  void a_group_name_with_a_control_character_is_refused() {
    assertTrue(
        error(GOOD.replace("group: T3 Users", "group: \"T3\\e[2J Users\""))
            .contains("membership.group: must be the group's name"));
  }

  @Test
  void the_section_needs_the_roster_it_commits_to() {
    assertTrue(
        error(GOOD.replace(ROSTER, ""))
            .contains("membership: needs a roster: section (the sync commits its rows"));
  }
}
