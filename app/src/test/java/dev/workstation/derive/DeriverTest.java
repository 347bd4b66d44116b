package dev.workstation.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeriverTest {

  static Roster parse(String yaml) {
    return RosterParser.parse(
        "roster.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static final String ROSTER =
      """
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil, k8s_user: emo, tier: power-user}
        anca: {authentik_user: ancaelena98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}
        zed: {authentik_user: zed, k8s_user: zed, tier: admin, parked: true}
      """;

  static DesiredState derive(String roster, Map<String, Map<String, Integer>> ports) {
    return Deriver.derive(parse(roster), SiteConfig.defaults(), ports);
  }

  @Test
  void new_users_get_the_lowest_free_ports_in_sorted_user_order() {
    DesiredState s = derive(ROSTER, Map.of());
    assertEquals(
        Map.of("anca", 3773, "emo", 3774, "wizard", 3775, "zed", 3776), s.ports().get("t3"));
  }

  @Test
  void a_user_keeps_an_existing_port_and_newcomers_fill_the_gaps() {
    DesiredState s =
        derive(ROSTER, Map.of("t3", Map.of("wizard", 3773, "zed", 3780, "gone", 3774)));
    assertEquals(
        Map.of("wizard", 3773, "zed", 3780, "anca", 3774, "emo", 3775), s.ports().get("t3"));
  }

  @Test
  void a_port_claimed_twice_goes_to_the_first_user_by_name() {
    DesiredState s = derive(ROSTER, Map.of("t3", Map.of("emo", 3790, "wizard", 3790)));
    assertEquals(3790, s.ports().get("t3").get("emo"));
    assertEquals(3773, s.ports().get("t3").get("anca"));
    assertEquals(3774, s.ports().get("t3").get("wizard"));
  }

  @Test
  void the_user_map_is_ordered_by_port_with_a_generated_header() {
    DesiredState s = derive(ROSTER, Map.of("t3", Map.of("zed", 3700)));
    assertEquals(
        Deriver.USER_MAP_HEADER + "zed=zed\nancaelena98=anca\nemil=emo\nvbarzin=wizard\n",
        s.ttydUserMap());
    assertEquals(
        List.of("zed", "ancaelena98", "emil", "vbarzin"), List.copyOf(s.dispatch().keySet()));
    assertEquals(new DesiredState.DispatchEntry("anca", 3773), s.dispatch().get("ancaelena98"));
  }

  @Test
  void admins_are_listed_sorted_by_name() {
    assertEquals(Deriver.ADMINS_HEADER + "wizard\nzed\n", derive(ROSTER, Map.of()).ttydAdmins());
  }

  @Test
  void with_no_admins_the_admins_file_has_only_its_header() {
    DesiredState s =
        derive("users:\n  a: {authentik_user: a, k8s_user: a, tier: power-user}\n", Map.of());
    assertEquals(Deriver.ADMINS_HEADER, s.ttydAdmins());
  }

  @Test
  void parked_forces_claude_auth_off_in_the_account() {
    assertFalse(derive(ROSTER, Map.of()).accounts().get("zed").claudeAuth());
  }

  @Test
  void accounts_carry_tier_groups_a_locked_login_and_the_shell() {
    AccountSpec w = derive(ROSTER, Map.of()).accounts().get("wizard");
    assertEquals(List.of("code-shared", "docker", "sudo"), w.groups());
    assertEquals(true, w.loginLocked());
    assertEquals("/bin/zsh", w.shell(), "the original provisioner's shell when none is configured");
    assertEquals(List.of(), derive(ROSTER, Map.of()).accounts().get("emo").groups());
  }

  @Test
  void groups_to_add_never_removes_a_group() {
    AccountSpec w = derive(ROSTER, Map.of()).accounts().get("wizard");
    assertEquals(
        List.of("sudo"), w.groupsToAdd(Set.of("code-shared", "docker", "video", "wizard")));
    assertEquals(List.of(), w.groupsToAdd(Set.of("code-shared", "docker", "sudo", "extra")));
  }

  static SiteConfig pools(String yaml) {
    return SiteConfigParser.parse(
        "workstation.yaml", ("units:\n  port_pools: " + yaml + "\n").getBytes());
  }

  @Test
  void each_pool_keeps_the_ports_read_from_its_own_file_so_nothing_swaps() {
    SiteConfig site =
        pools(
            "{t3: 3773, playwright: {base: 8931, file: \"playwright-{user}.env\", key: PLAYWRIGHT_PORT}}");
    String two =
        "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
            + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n";
    DesiredState s =
        Deriver.derive(
            parse(two),
            site,
            Map.of(
                "t3", Map.of("wizard", 3773, "emo", 3774),
                "playwright", Map.of("wizard", 8931, "emo", 8932)));
    assertEquals(Map.of("wizard", 3773, "emo", 3774), s.ports().get("t3"));
    assertEquals(Map.of("wizard", 8931, "emo", 8932), s.ports().get("playwright"));
    assertEquals(new DesiredState.DispatchEntry("emo", 3774), s.dispatch().get("emil"));
  }

  @Test
  void a_new_port_is_never_one_another_pool_already_holds() {
    SiteConfig site = pools("{t3: 3773, web: 3774}");
    DesiredState s = derive(site, Map.of("anca", 3774, "emo", 3773), Map.of());
    assertEquals(
        Map.of("anca", 3774, "emo", 3773, "wizard", 3775, "zed", 3776), s.ports().get("t3"));
    assertEquals(
        Map.of("anca", 3777, "emo", 3778, "wizard", 3779, "zed", 3780),
        s.ports().get("web"),
        "web starts at its base but skips every port t3 holds");
  }

  static DesiredState derive(SiteConfig site, Map<String, Integer> t3, Map<String, Integer> web) {
    return Deriver.derive(parse(ROSTER), site, Map.of("t3", t3, "web", web));
  }

  @Test
  void derivation_is_deterministic() {
    assertEquals(derive(ROSTER, Map.of()), derive(ROSTER, Map.of()));
  }
}
