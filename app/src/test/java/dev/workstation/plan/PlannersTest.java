package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.Units.UnitState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the engine adds around the facets: one reload after unit-file changes, destroy's files. */
class PlannersTest {
  static WriteFile dropIn(String user, int uid) {
    return new WriteFile(
        Owner.user(user),
        Path.of("/etc/systemd/system/user-" + uid + ".slice.d/50-workstation.conf"),
        "[Slice]\n",
        "rw-r--r--",
        "cap");
  }

  @Test
  void unit_file_changes_get_one_reload_after_every_lane() {
    List<Action> reload = ReloadUnits.after(List.of(dropIn("emo", 1001), dropIn("kai", 1002)));
    assertEquals(1, reload.size());
    assertEquals(Owner.AFTER_USERS, reload.get(0).owner());
    assertEquals("reload systemd (2 unit files changed)", reload.get(0).describe());
  }

  @Test
  void a_user_unit_drop_in_reloads_the_running_user_managers_too() {
    WriteFile pane =
        new WriteFile(
            Owner.BEFORE_USERS,
            Path.of("/etc/systemd/user/scope.d/50-workstation-pane.conf"),
            "[Scope]\n",
            "rw-r--r--",
            "pane cap");
    List<Action> reload = ReloadUnits.after(List.of(pane, dropIn("emo", 1001)));
    assertEquals(
        "reload systemd and the running user managers (2 unit files changed)",
        reload.get(0).describe());
  }

  @Test
  void a_run_that_changes_no_unit_file_reloads_nothing() {
    WriteFile map =
        new WriteFile(Owner.AFTER_USERS, Path.of("/etc/ttyd-admins"), "a\n", "rw-r--r--", "map");
    assertTrue(ReloadUnits.after(List.of(map)).isEmpty());
    Desired d = PlannerFixtures.desired(PlannerFixtures.site(), List.of());
    Plan p =
        Planners.plan(
            d,
            PlannerFixtures.observed(List.of(), java.util.Map.of(), java.util.Set.of()),
            Scope.whole(List.of()));
    assertTrue(p.actions().stream().noneMatch(a -> a instanceof ReloadUnits), p.toString());
  }

  @Test
  void destroying_an_account_removes_the_files_that_go_with_it_then_reloads() {
    Planner facet =
        Planner.ofFiles((d, s, u) -> List.of())
            .withAccountFiles(
                (site, user, uid) ->
                    List.of(
                        Path.of(
                            "/etc/systemd/system/user-" + uid + ".slice.d/50-workstation.conf")));
    Planner keeps = Planner.ofFiles(EnvFilePlanner::files);
    List<Action> steps =
        Planners.destroying(List.of(keeps, facet), PlannerFixtures.site(), "emo", 1001);
    assertEquals(
        List.of(
            "remove /etc/systemd/system/user-1001.slice.d/50-workstation.conf: goes with the"
                + " destroyed account",
            "reload systemd (1 unit file changed)"),
        steps.stream().map(Action::describe).toList());
    assertEquals(Owner.user("emo"), steps.get(0).owner());
  }

  @Test
  void the_shipped_facets_remove_nothing_on_destroy_yet() {
    assertTrue(Planners.destroying(Planners.ALL, PlannerFixtures.site(), "emo", 1001).isEmpty());
  }

  /**
   * Per-user timer gating: a facet's unit runs for whom its gate lets through, is disabled (with
   * the gate's reason) for the others, and a leaver's is disabled by the cut.
   */
  @Test
  void a_gated_per_user_timer_runs_only_for_whom_its_gate_lets_through() {
    UnitTemplate timer = UnitTemplate.parse("claude-auth@.timer").orElseThrow();
    Planner facet =
        Planner.ofFiles((d, s, u) -> List.of())
            .withUnits(
                d ->
                    List.of(
                        new UserUnit(
                            timer,
                            u ->
                                u.osUser().equals("kai")
                                    ? Optional.of("claude_auth is false")
                                    : UserUnit.ACTIVE.off(u))));
    List<AccountSpec> users =
        List.of(
            PlannerFixtures.user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false),
            PlannerFixtures.user("kai", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false));
    SurfaceFacts units =
        new SurfaceFacts(
            Map.of(),
            Map.of(),
            Map.of("claude-auth@kai.timer", new UnitState(true, true, false)),
            null,
            true);
    Plan p =
        facet.plan(
            PlannerFixtures.desired(PlannerFixtures.site(), users),
            PlannerFixtures.observed(users, Map.of(), Set.of(), units, CutFacts.none()),
            Scope.whole(users));
    assertEquals(
        List.of("enable-unit:emo:claude-auth@emo.timer", "disable-unit:kai:claude-auth@kai.timer"),
        p.actions().stream().map(a -> a.key().toString()).toList());
    assertEquals("claude_auth is false", ((DisableUnit) p.actions().get(1)).why());
  }
}
