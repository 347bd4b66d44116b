package dev.workstation.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RosterParserTest {

  static Roster parse(String yaml) {
    return RosterParser.parse("roster.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static List<Problem> problems(String yaml) {
    return assertThrows(InvalidInputException.class, () -> parse(yaml)).problems();
  }

  static String rendered(String yaml) {
    return problems(yaml).stream().map(Problem::render).collect(Collectors.joining("\n"));
  }

  static void assertProblem(String yaml, String expectedFragment) {
    String all = rendered(yaml);
    assertTrue(
        all.contains(expectedFragment), () -> "expected «" + expectedFragment + "» in:\n" + all);
  }

  static final String OK_ROW = "{authentik_user: a, k8s_user: a, tier: power-user}";

  @Test
  void a_valid_roster_becomes_user_specs_with_defaults() {
    Roster r =
        parse(
            """
            users:
              wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
              anca:
                authentik_user: ancaelena98
                k8s_user: anca
                tier: namespace-owner
                namespaces: [plotting-book]
                code_layout: workspace
                repos: [tripit]
            """);
    assertEquals(List.of("anca", "wizard"), List.copyOf(r.users().keySet()));
    UserSpec anca = r.users().get("anca");
    assertEquals(Tier.NAMESPACE_OWNER, anca.tier());
    assertEquals(CodeLayout.WORKSPACE, anca.codeLayout());
    assertEquals(List.of("tripit"), anca.repos());
    UserSpec wizard = r.users().get("wizard");
    assertEquals(CodeLayout.SINGLE, wizard.codeLayout());
    assertFalse(wizard.parked());
    assertTrue(wizard.claudeAuth());
  }

  @Test
  void an_empty_file_is_a_valid_empty_roster() {
    assertTrue(parse("").users().isEmpty());
    assertTrue(parse("# only comments\n").users().isEmpty());
  }

  @Test
  void a_missing_or_empty_users_key_is_a_valid_empty_roster() {
    assertTrue(parse("users:\n").users().isEmpty());
    assertTrue(parse("users: {}\n").users().isEmpty());
  }

  @Test
  void errors_carry_file_line_column_and_field_path() {
    List<Problem> ps =
        problems("users:\n  alice:\n    authentik_user: a\n    k8s_user: a\n    tier: boss\n");
    assertEquals(1, ps.size());
    assertEquals(
        "roster.yaml:5:11: users.alice.tier: 'boss' is not a tier; use one of admin, power-user, namespace-owner",
        ps.get(0).render());
  }

  @Test
  void every_problem_is_reported_in_one_pass() {
    List<Problem> ps =
        problems(
            """
            users:
              a: {authentik_user: x, k8s_user: a, tier: nope}
              b: {authentik_user: y, k8s_user: b, tier: admin, parked: maybe}
              c: {authentik_user: z, tier: admin}
            """);
    assertEquals(3, ps.size(), ps.toString());
  }

  @Test
  void unknown_fields_are_errors_with_a_suggestion_for_near_misses() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tiers: admin}\n",
        "users.a.tiers: unknown field (did you mean 'tier'?)");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, colour: red}\n",
        "users.a.colour: unknown field");
  }

  @Test
  void an_unknown_top_level_key_is_an_error() {
    assertProblem(
        "user:\n  a: " + OK_ROW + "\n",
        "roster.yaml:1:1: user: unknown field (did you mean 'users'?)");
  }

  @Test
  void required_fields_must_be_present() {
    String all = rendered("users:\n  a: {tier: admin}\n");
    assertTrue(all.contains("users.a.authentik_user: required field is missing"), all);
    assertTrue(all.contains("users.a.k8s_user: required field is missing"), all);
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a}\n",
        "users.a.tier: required field is missing");
  }

  @Test
  void a_user_without_a_body_is_an_error() {
    assertProblem("users:\n  a:\n", "users.a");
  }

  @Test
  void tier_must_be_one_of_the_three() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: Admin}\n",
        "users.a.tier: 'Admin' is not a tier");
  }

  @Test
  void a_namespace_owner_without_namespaces_is_rejected() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: namespace-owner}\n",
        "users.a.namespaces: a namespace-owner needs at least one namespace");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: namespace-owner, namespaces: []}\n",
        "a namespace-owner needs at least one namespace");
  }

  @Test
  void other_tiers_must_not_set_namespaces() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: power-user, namespaces: [x]}\n",
        "users.a.namespaces: only a namespace-owner has namespaces");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, namespaces: [x]}\n",
        "users.a.namespaces: only a namespace-owner has namespaces");
  }

  @Test
  void code_layout_must_be_single_or_workspace() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, code_layout: flat}\n",
        "users.a.code_layout: 'flat' is not a layout");
  }

  @Test
  void repos_are_only_allowed_with_the_workspace_layout() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, repos: [x]}\n",
        "users.a.repos: repos need code_layout: workspace");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, code_layout: single, repos: [x]}\n",
        "users.a.repos: repos need code_layout: workspace");
  }

  @Test
  void repo_names_that_would_escape_or_hide_under_code_are_rejected() {
    for (String bad :
        List.of("../x", "a/b", ".hidden", "-rf", "\"with space\"", "\"\"", "\"tab\\tname\"")) {
      assertProblem(
          "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, code_layout: workspace, repos: ["
              + bad
              + "]}\n",
          "users.a.repos[0]: ");
    }
  }

  @Test
  void infra_may_not_be_listed_as_a_repo() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, code_layout: workspace, repos: [infra]}\n",
        "users.a.repos[0]: infra is always cloned");
  }

  @Test
  void a_repo_listed_twice_is_rejected() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, code_layout: workspace, repos: [x, x]}\n",
        "users.a.repos[1]: repo 'x' is listed twice");
  }

  @Test
  void parked_and_claude_auth_must_be_real_booleans() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, parked: \"yes\"}\n",
        "users.a.parked: must be true or false");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, parked: yes}\n",
        "users.a.parked: must be true or false, not a string 'yes'");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, claude_auth: \"true\"}\n",
        "users.a.claude_auth: must be true or false");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, claude_auth: 1}\n",
        "users.a.claude_auth: must be true or false");
  }

  @Test
  void yaml_1_2_no_and_on_are_strings_not_booleans() {
    Roster r = parse("users:\n  no: {authentik_user: on, k8s_user: off, tier: admin}\n");
    UserSpec u = r.users().get("no");
    assertEquals("on", u.authentikUser());
    assertEquals("off", u.k8sUser());
  }

  @Test
  void duplicate_keys_are_errors() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, tier: power-user}\n",
        "users.a.tier: duplicate key 'tier' (first at line 2)");
    assertProblem(
        "users:\n  a: " + OK_ROW + "\n  a: " + OK_ROW + "\n",
        "roster.yaml:3:3: users.a: duplicate key 'a'");
  }

  @Test
  void os_user_must_be_a_valid_linux_account_name() {
    for (String bad : List.of("Alice", "1abc", "a.b", "a b", "\"\"", "\"a/b\"", "é")) {
      assertProblem("users:\n  " + bad + ": " + OK_ROW + "\n", "is not a valid account name");
    }
    assertProblem("users:\n  " + "a".repeat(33) + ": " + OK_ROW + "\n", "at most 32 characters");
    parse("users:\n  " + "a".repeat(32) + ": " + OK_ROW + "\n");
    parse("users:\n  _svc-x_1: " + OK_ROW + "\n");
  }

  @Test
  void root_and_system_accounts_are_refused() {
    for (String bad : List.of("root", "daemon", "nobody", "www-data", "systemd-network", "sshd")) {
      assertProblem("users:\n  " + bad + ": " + OK_ROW + "\n", "is a system account name");
    }
  }

  @Test
  void authentik_user_must_be_unique_across_users() {
    assertProblem(
        "users:\n  a: {authentik_user: same, k8s_user: a, tier: admin}\n  b: {authentik_user: same, k8s_user: b, tier: admin}\n",
        "roster.yaml:3:23: users.b.authentik_user: 'same' is already used by another user (line 2)");
  }

  @Test
  void namespaces_must_be_dns_1123_labels() {
    for (String bad : List.of("Bad", "-x", "x-", "a_b", "a.b", "x".repeat(64))) {
      assertProblem(
          "users:\n  a: {authentik_user: a, k8s_user: a, tier: namespace-owner, namespaces: ["
              + bad
              + "]}\n",
          "users.a.namespaces[0]: ");
    }
    parse(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: namespace-owner, namespaces: [a, "
            + "x".repeat(63)
            + ", 0-9]}\n");
  }

  @Test
  void a_namespace_listed_twice_is_rejected() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: namespace-owner, namespaces: [x, x]}\n",
        "users.a.namespaces[1]: namespace 'x' is listed twice");
  }

  @Test
  void identities_must_be_non_empty_short_and_free_of_whitespace_and_controls() {
    assertProblem(
        "users:\n  a: {authentik_user: \"\", k8s_user: a, tier: admin}\n",
        "users.a.authentik_user: must not be empty");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: \"a b\", tier: admin}\n",
        "users.a.k8s_user: must not contain whitespace");
    assertProblem(
        "users:\n  a: {authentik_user: \"a\\tb\", k8s_user: a, tier: admin}\n",
        "users.a.authentik_user: contains a control character: 'a\\tb'");
    assertProblem(
        "users:\n  a: {authentik_user: \"a\\u0001\", k8s_user: a, tier: admin}\n",
        "users.a.authentik_user: contains a control character: 'a\\x01'");
    assertProblem(
        "users:\n  a: {authentik_user: " + "x".repeat(254) + ", k8s_user: a, tier: admin}\n",
        "longer than 253");
  }

  @Test
  void identity_fields_of_the_wrong_type_are_rejected_with_a_hint() {
    assertProblem(
        "users:\n  a: {authentik_user: 12, k8s_user: a, tier: admin}\n",
        "users.a.authentik_user: must be a string, not a number '12' (quote it");
    assertProblem(
        "users:\n  a: {authentik_user: [x], k8s_user: a, tier: admin}\n",
        "users.a.authentik_user: must be a string, not a list");
  }

  @Test
  void users_must_be_a_mapping() {
    assertProblem("users: [a, b]\n", "users: must be a mapping, not a list");
    assertProblem("- a\n", "must be a mapping, not a list");
  }

  @Test
  void git_email_and_forgejo_user_are_checked() {
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, git_email: nope}\n",
        "users.a.git_email: 'nope' is not an email address");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, forgejo_user: \"a:b\"}\n",
        "users.a.forgejo_user: ");
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, git_name: \"a\\nb\"}\n",
        "users.a.git_name: contains a control character: 'a\\nb'");
  }

  @Test
  void a_yaml_syntax_error_is_positioned() {
    List<Problem> ps = problems("users:\n  a: {authentik_user: a\n");
    assertEquals(1, ps.size());
    assertTrue(ps.get(0).line() > 0, ps.toString());
    assertTrue(ps.get(0).message().startsWith("YAML syntax error"), ps.toString());
  }

  @Test
  void a_byte_order_mark_at_the_start_is_accepted() {
    assertEquals(1, parse("\uFEFFusers:\n  a: " + OK_ROW + "\n").users().size());
  }

  @Test
  void binary_input_is_rejected_clearly() {
    byte[] bytes = {0x75, 0x73, (byte) 0xff, (byte) 0xfe, 0x00, 0x01};
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> RosterParser.parse("r.yaml", bytes));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void more_than_one_document_is_rejected() {
    assertProblem("users: {}\n---\nusers: {}\n", "more than one YAML document");
  }

  @Test
  void parked_forces_claude_auth_off() {
    UserSpec u =
        parse(
                "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, parked: true, claude_auth: true}\n")
            .users()
            .get("a");
    assertTrue(u.claudeAuth());
    assertFalse(u.effectiveClaudeAuth());
  }

  @Test
  void a_commented_row_reads_exactly_like_an_absent_one() {
    Roster r =
        parse(
            "users:\n  a: " + OK_ROW + "\n  # b: {authentik_user: b, k8s_user: b, tier: admin}\n");
    assertEquals(List.of("a"), List.copyOf(r.users().keySet()));
  }

  @Test
  void an_authentik_user_that_would_corrupt_the_login_map_is_rejected() {
    for (String bad : List.of("\"#x\"", "a=b", "\"a:b\"", "a/b", "\"é\"")) {
      assertProblem(
          "users:\n  a: {authentik_user: " + bad + ", k8s_user: a, tier: admin}\n",
          "users.a.authentik_user: ");
    }
    assertEquals(
        "first.last+dev@example.org",
        parse(
                "users:\n  a: {authentik_user: first.last+dev@example.org, k8s_user: a, tier: admin}\n")
            .user("a")
            .orElseThrow()
            .authentikUser());
  }

  @Test
  void an_explicit_null_is_an_error_never_the_default() {
    for (String field : List.of("parked", "claude_auth", "code_layout", "git_name", "namespaces")) {
      for (String nul : List.of(" ~", " null", "")) {
        String yaml =
            "users:\n  a:\n    authentik_user: a\n    k8s_user: a\n    tier: power-user\n    "
                + field
                + ":"
                + nul
                + "\n";
        List<Problem> ps = problems(yaml);
        assertEquals(1, ps.size(), () -> yaml + " gave " + ps);
        assertTrue(
            ps.get(0).render().contains("users.a." + field + ": is empty (null)"),
            ps.get(0).render());
      }
    }
    assertProblem(
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: ~}\n",
        "users.a.tier: is empty (null)");
  }

  @Test
  void no_value_anywhere_may_hold_a_control_character_and_each_problem_is_one_line() {
    String esc = "\\e]0;owned\\a";
    String yaml =
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: namespace-owner, namespaces: [\"ns"
            + esc
            + "\"], code_layout: workspace, repos: [\"r\\r\\nuser=wizard action=x\"], git_email:"
            + " \"a@b\\u0085\"}\n";
    List<Problem> ps = problems(yaml);
    assertEquals(3, ps.size(), ps.toString());
    for (Problem p : ps) {
      String line = p.render();
      assertFalse(line.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), line);
      assertTrue(line.contains("contains a control character"), line);
    }
  }
}
