package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {
  static final String ADMIN = "  wizard: {authentik_user: w, k8s_user: w, tier: admin}\n";

  static Roster roster(String... users) {
    StringBuilder y = new StringBuilder("users:\n");
    for (String u : users) {
      y.append(
          u.equals("wizard")
              ? ADMIN
              : "  "
                  + u
                  + ": {authentik_user: "
                  + u
                  + ", k8s_user: "
                  + u
                  + ", tier: power-user}\n");
    }
    return RosterParser.parse("roster.yaml", y.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Optional<String> refusal(Roster applied, Roster next, OptionalInt allowance) {
    return BlastRadius.refusal(Optional.of(applied), next, 2, allowance);
  }

  @Test
  void cutting_up_to_max_cuts_users_is_applied() {
    assertEquals(
        Optional.empty(),
        refusal(roster("wizard", "a", "b", "c"), roster("wizard", "c"), OptionalInt.empty()));
  }

  @Test
  void cutting_more_than_max_cuts_users_is_held_and_names_them() {
    String why =
        refusal(roster("wizard", "a", "b", "c"), roster("wizard"), OptionalInt.empty())
            .orElseThrow();
    assertTrue(why.contains("it would cut 3 users (a, b, c), more than roster.max_cuts (2)"), why);
    assertTrue(why.contains("'Workstation-Allow-Cuts: 3'"), why);
    assertTrue(why.contains("--allow-cuts 3"), why);
  }

  @Test
  void an_allowance_of_at_least_the_cuts_lets_it_through_and_a_smaller_one_does_not() {
    assertEquals(
        Optional.empty(),
        refusal(roster("wizard", "a", "b", "c"), roster("wizard"), OptionalInt.of(3)));
    assertTrue(
        refusal(roster("wizard", "a", "b", "c"), roster("wizard"), OptionalInt.of(2))
            .orElseThrow()
            .contains("the allowance given, 2, is too small"));
  }

  @Test
  void an_emptied_roster_is_held_even_within_max_cuts() {
    assertTrue(
        refusal(roster("wizard", "a"), roster(), OptionalInt.empty())
            .orElseThrow()
            .contains("it leaves no users"));
  }

  @Test
  void a_roster_without_its_last_admin_is_held() {
    assertTrue(
        refusal(roster("wizard", "a"), roster("a"), OptionalInt.empty())
            .orElseThrow()
            .contains("it leaves no admin"));
  }

  @Test
  void a_roster_that_never_had_an_admin_or_users_is_not_held_for_it() {
    assertEquals(Optional.empty(), refusal(roster("a"), roster("a", "b"), OptionalInt.empty()));
    assertEquals(Optional.empty(), refusal(roster(), roster(), OptionalInt.empty()));
  }

  @Test
  void the_first_run_with_nothing_applied_is_never_held() {
    assertEquals(
        Optional.empty(), BlastRadius.refusal(Optional.empty(), roster(), 2, OptionalInt.empty()));
  }

  @Test
  void max_cuts_zero_holds_any_cut() {
    assertTrue(
        BlastRadius.refusal(
                Optional.of(roster("wizard", "a")), roster("wizard"), 0, OptionalInt.empty())
            .isPresent());
  }
}
