package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.RosterParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierCheckTest {
  static final dev.workstation.roster.Roster ROSTER =
      RosterParser.parse(
          "r.yaml",
          ("users:\n"
                  + "  w: {authentik_user: w, k8s_user: w, tier: admin}\n"
                  + "  e: {authentik_user: e, k8s_user: emo, tier: power-user}\n"
                  + "  a: {authentik_user: a, k8s_user: anca, tier: namespace-owner, namespaces: [x]}\n")
              .getBytes());

  @Test
  void a_mismatched_tier_names_the_user_and_both_tiers() {
    TierCheck.Result r =
        TierCheck.check(
            ROSTER.users().values(),
            Map.of(
                "emo",
                Map.of("role", "namespace-owner"),
                "anca",
                Map.of("role", "namespace-owner")));
    assertEquals(1, r.mismatches().size());
    assertEquals("e", r.mismatches().get(0).osUser());
    assertTrue(
        r.mismatches().get(0).message().contains("power-user")
            && r.mismatches().get(0).message().contains("namespace-owner"));
  }

  @Test
  void an_absent_entry_is_pending_and_admins_are_exempt() {
    TierCheck.Result r =
        TierCheck.check(
            ROSTER.users().values(), Map.of("emo", Map.of("role", "kubernetes-power-users")));
    assertEquals(0, r.mismatches().size());
    assertEquals(1, r.pending().size());
    assertEquals("a", r.pending().get(0).osUser());
  }

  @Test
  void a_role_that_ends_in_s_is_named_as_it_is_and_only_a_tiers_plural_is_that_tier() {
    TierCheck.Result r =
        TierCheck.check(
            ROSTER.users().values(),
            Map.of(
                "emo", Map.of("role", "kubernetes-devops"),
                "anca", Map.of("role", "Namespace-Owners")));
    assertEquals(1, r.mismatches().size(), r.mismatches().toString());
    assertTrue(
        r.mismatches().get(0).message().endsWith("is devops"), r.mismatches().get(0).message());
    assertEquals("power-user", TierCheck.normalize("power-users"));
    assertEquals("admin", TierCheck.normalize("kubernetes-admins"));
    assertEquals("sales", TierCheck.normalize("sales"));
  }
}
