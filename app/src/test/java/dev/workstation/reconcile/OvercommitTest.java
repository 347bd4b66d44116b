package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.Capacity;
import dev.workstation.plan.Note;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routine run's warning over the caps' sum, and what onboard and status count. */
class OvercommitTest {
  static final long G = 1L << 30;

  static SiteConfig site(String yaml) {
    return SiteConfigParser.parse("workstation.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static final SiteConfig CAPPED =
      site(
          "containment:\n"
              + "  user_memory_max: {admin: 24G, power-user: 24G, namespace-owner: 12G}\n"
              + "  pane_memory_max: 6G\n"
              + "  overcommit: 1.5\n");

  static AccountSpec user(String name, Tier tier, boolean parked) {
    return new AccountSpec(
        name,
        tier,
        "/bin/bash",
        true,
        List.of(),
        CodeLayout.SINGLE,
        List.of(),
        List.of(),
        parked,
        false,
        name,
        name);
  }

  @Test
  void an_overcommitted_roster_warns_in_the_plan_with_the_figures() {
    List<AccountSpec> roster =
        List.of(
            user("wizard", Tier.ADMIN, false),
            user("emo", Tier.POWER_USER, false),
            user("zed", Tier.NAMESPACE_OWNER, false));
    List<Note> notes = Overcommit.warnings(CAPPED, roster, 31 * G);
    assertEquals(1, notes.size());
    Note n = notes.get(0);
    assertEquals(Note.Level.WARNING, n.level());
    assertEquals("-", n.user());
    assertEquals(
        "containment: the memory caps of 3 active users add up to 60.0 GiB (admin 24G ×1,"
            + " power-user 24G ×1, namespace-owner 12G ×1), above RAM 31.0 GiB × overcommit 1.5 ="
            + " 46.5 GiB: a cap cannot bind before the box runs out (lower"
            + " containment.user_memory_max, park a user, or add memory)",
        n.message());
  }

  @Test
  void parked_users_do_not_count_and_a_roster_within_the_caps_gets_no_warning() {
    List<AccountSpec> roster =
        List.of(
            user("wizard", Tier.ADMIN, false),
            user("emo", Tier.POWER_USER, true),
            user("zed", Tier.NAMESPACE_OWNER, false));
    assertEquals(List.of(), Overcommit.warnings(CAPPED, roster, 31 * G)); // 36G of 46.5G
  }

  @Test
  void without_containment_nothing_is_summed() {
    List<AccountSpec> roster = List.of(user("wizard", Tier.ADMIN, false));
    assertEquals(List.of(), Overcommit.warnings(site("home_root: /home\n"), roster, 1));
  }

  @Test
  void status_and_onboard_count_the_ceiling_and_the_caps_together() {
    SiteConfig both =
        site(
            "capacity: {memory_per_user: 4G, max_active_users: 1, min_free_disk: 1G,"
                + " require_swap: false}\n"
                + "containment: {user_memory_max: 24G, pane_memory_max: 6G}\n");
    List<String> v =
        Overcommit.violations(
            both, new Capacity(31 * G, 0, 100 * G), List.of(Tier.ADMIN, Tier.POWER_USER));
    assertEquals(2, v.size(), v.toString());
    assertTrue(v.get(0).contains("2 active users exceed capacity.max_active_users 1"), v.get(0));
    assertTrue(v.get(1).startsWith("containment: the memory caps of 2 active users"), v.get(1));
  }
}
