package dev.workstation.plan;

import static dev.workstation.plan.PlannerFixtures.site;
import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Roster;
import dev.workstation.roster.Tier;
import dev.workstation.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutPlannerTest {
  static final AccountSpec EMO = user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false);
  static final AccountSpec ADA = user("ada", Tier.ADMIN, CodeLayout.SINGLE, List.of(), false);
  static final AccountSpec KAI = user("kai", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false);

  /**
   * The roster now holds {@code now}; {@code cuts} as observed; every named user has an account.
   */
  static Plan plan(
      List<AccountSpec> now, CutFacts cuts, Map<String, Units.UnitState> units, Scope scope) {
    return CutPlanner.plan(
        PlannerFixtures.desired(site(), now),
        PlannerFixtures.observed(
            now, Map.of(), Set.of(), new SurfaceFacts(Map.of(), Map.of(), units, null, true), cuts),
        scope);
  }

  static Plan plan(List<AccountSpec> now, CutFacts cuts) {
    return plan(now, cuts, Map.of(), Scope.whole(now));
  }

  static List<String> keys(Plan p) {
    return p.actions().stream().map(a -> a.key().toString()).toList();
  }

  static Roster roster(AccountSpec... users) {
    return PlannerFixtures.desired(site(), List.of(users)).roster();
  }

  @Test
  void the_first_run_without_an_applied_roster_cuts_nobody_and_says_so() {
    List<Note> notes = new ArrayList<>();
    assertEquals(List.of(), CutPlanner.leavers(Optional.empty(), roster(EMO), notes));
    assertTrue(notes.get(0).message().contains("cuts nobody"), notes.toString());
  }

  @Test
  void an_admin_who_left_is_never_cut_automatically() {
    List<Note> notes = new ArrayList<>();
    List<String> leavers =
        CutPlanner.leavers(Optional.of(roster(ADA, EMO, KAI)), roster(KAI), notes);
    assertEquals(List.of("emo"), leavers);
    assertTrue(notes.get(0).message().contains("admins are never cut"), notes.toString());
  }

  @Test
  void a_leaver_with_an_account_is_cut_once_and_a_cut_one_is_not_cut_again() {
    assertEquals(
        List.of("cut-user:emo"),
        keys(plan(List.of(KAI), new CutFacts(List.of("emo"), Map.of(), Set.of("emo")))));
    assertEquals(
        List.of(),
        keys(
            plan(
                List.of(KAI),
                new CutFacts(List.of(), Map.of("emo", CutState.CUT), Set.of("emo")))));
  }

  @Test
  void a_pending_cut_from_an_earlier_run_is_retried() {
    assertEquals(
        List.of("cut-user:emo"),
        keys(
            plan(
                List.of(KAI),
                new CutFacts(List.of(), Map.of("emo", CutState.PENDING), Set.of("emo")))));
  }

  @Test
  void a_leaver_whose_account_is_gone_needs_no_cut() {
    assertTrue(plan(List.of(KAI), new CutFacts(List.of("emo"), Map.of(), Set.of())).isEmpty());
  }

  @Test
  void a_leavers_running_units_are_disabled_before_the_cut() {
    Plan p =
        plan(
            List.of(KAI),
            new CutFacts(List.of("emo"), Map.of(), Set.of("emo")),
            Map.of("t3-serve@emo.service", new Units.UnitState(true, true, false)),
            Scope.whole(List.of(KAI)));
    assertEquals(List.of("disable-unit:emo:t3-serve@emo.service", "cut-user:emo"), keys(p));
  }

  @Test
  void a_cut_user_back_on_the_roster_is_restored() {
    assertEquals(
        List.of("uncut-user:emo"),
        keys(
            plan(
                List.of(EMO),
                new CutFacts(List.of(), Map.of("emo", CutState.CUT), Set.of("emo")))));
  }

  @Test
  void a_run_for_one_user_cuts_and_restores_no_one_else() {
    Plan p =
        plan(
            List.of(KAI, EMO),
            new CutFacts(List.of("zed"), Map.of("emo", CutState.CUT), Set.of("zed", "emo")),
            Map.of(),
            new Scope(List.of(KAI), Optional.of("kai")));
    assertTrue(p.isEmpty(), keys(p).toString());
  }
}
