package dev.workstation.plan;

import static dev.workstation.plan.PlannerFixtures.site;
import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Deriver;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.RosterParser;
import dev.workstation.roster.Tier;
import dev.workstation.units.Units;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SurfacePlannerTest {
  static final DesiredState DESIRED =
      Deriver.derive(
          RosterParser.parse(
              "r.yaml",
              "users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user, parked: true}\n"
                  .getBytes()),
          site(),
          Map.of());

  @Test
  void env_files_keep_every_other_line_and_set_the_sticky_port() {
    assertEquals(
        "A=1\nT3_PORT=3773\n# note\n",
        SurfacePlanner.envContent("A=1\nT3_PORT=9999\n# note\n", DESIRED, "emo"));
    assertEquals("T3_PORT=3773\n", SurfacePlanner.envContent("", DESIRED, "emo"));
  }

  @Test
  void a_parked_user_running_unit_is_disabled_and_stopped_not_skipped() {
    SurfaceFacts f =
        new SurfaceFacts(
            Map.of(),
            Map.of(),
            Map.of("t3-serve@emo.service", new Units.UnitState(false, true, false)),
            null,
            true);
    Plan p =
        SurfacePlanner.plan(
            DESIRED,
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), true)),
            f,
            site(),
            false);
    assertTrue(
        p.actions().stream()
            .anyMatch(a -> a instanceof DisableUnit d && d.unit().equals("t3-serve@emo.service")),
        p.toString());
  }

  @Test
  void without_systemd_unit_changes_are_reported_as_skipped_and_the_plan_can_converge() {
    Map<String, Optional<String>> files = new HashMap<>();
    files.put("/etc/t3-serve/emo.env", Optional.of("T3_PORT=3773\n"));
    SurfaceFacts f =
        new SurfaceFacts(files, Map.of(), Map.of(), "systemd is not running on this host", true);
    Plan p =
        SurfacePlanner.plan(
            DESIRED,
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
            f,
            site(),
            false);
    assertTrue(p.isEmpty(), p.toString());
    assertTrue(
        p.notes()
            .get(0)
            .message()
            .contains("skipped enable t3-serve@emo.service: systemd is not running"));
  }

  @Test
  void a_generated_file_that_is_a_symlink_is_not_replaced() {
    SurfaceFacts f =
        new SurfaceFacts(
            Map.of(),
            Map.of("/etc/ttyd-user-map", "a symlink, not a regular file"),
            Map.of(),
            null,
            true);
    Plan p = SurfacePlanner.plan(DESIRED, List.of(), f, site(), true);
    assertTrue(
        p.actions().stream()
            .noneMatch(
                a -> a instanceof WriteFile w && w.path().toString().equals("/etc/ttyd-user-map")));
    assertTrue(
        p.notes().stream().anyMatch(n -> n.message().contains("/etc/ttyd-user-map is a symlink")));
  }
}
