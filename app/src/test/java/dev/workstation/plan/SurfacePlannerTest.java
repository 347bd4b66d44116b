package dev.workstation.plan;

import static dev.workstation.plan.PlannerFixtures.site;
import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.derive.Deriver;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.RosterParser;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.units.Units;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  static SiteConfig adopting() {
    return SiteConfigParser.parse(
        "workstation.yaml",
        ("units:\n  per_user: [t3-serve@, playwright-mcp@, snapshot-refresh@.timer]\n"
                + "  port_pools:\n    t3: 3773\n"
                + "    playwright: {base: 8931, file: \"playwright-{user}.env\", key: PLAYWRIGHT_PORT}\n"
                + "  env_strip: [CLAUDE_CODE_OAUTH_TOKEN]\n")
            .getBytes());
  }

  static final String TWO =
      "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
          + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n";

  static DesiredState adopted() {
    return Deriver.derive(
        RosterParser.parse("r.yaml", TWO.getBytes()),
        adopting(),
        Map.of(
            "t3", Map.of("wizard", 3773, "emo", 3774),
            "playwright", Map.of("wizard", 8931, "emo", 8932)));
  }

  static SurfaceFacts facts(
      Map<String, Optional<String>> files, Map<String, Units.UnitState> units) {
    return new SurfaceFacts(files, Map.of(), units, null, false);
  }

  /** The surface facet as {@link Planners} lists it: its units, then its generated files. */
  static final Planner SURFACE =
      Planner.ofFiles(SurfacePlanner::files).withUnits(SurfacePlanner::units);

  /**
   * The facet's plan for {@code users} of {@code state}; {@code wholeRoster} false: a --user run.
   */
  static Plan plan(
      DesiredState state,
      List<AccountSpec> users,
      SurfaceFacts facts,
      SiteConfig site,
      boolean wholeRoster) {
    Desired d = Desired.of(site, RosterParser.parse("r.yaml", TWO.getBytes()), state);
    Observed o = PlannerFixtures.observed(users, Map.of(), Set.of(), facts, CutFacts.none());
    Scope scope =
        wholeRoster
            ? Scope.whole(users)
            : new Scope(users, Optional.of(users.isEmpty() ? "emo" : users.get(0).osUser()));
    return SURFACE.plan(d, o, scope);
  }

  @Test
  void timers_are_enabled_like_services_for_an_active_user() {
    Plan p =
        plan(
            adopted(),
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
            facts(
                Map.of(), Map.of("t3-serve@emo.service", new Units.UnitState(true, false, false))),
            adopting(),
            false);
    List<String> enabled =
        p.actions().stream()
            .filter(a -> a instanceof EnableUnit)
            .map(a -> ((EnableUnit) a).unit())
            .toList();
    assertEquals(List.of("playwright-mcp@emo.service", "snapshot-refresh@emo.timer"), enabled);
  }

  @Test
  void a_unit_with_a_collision_is_not_started_and_the_collision_is_named() {
    SurfaceFacts facts =
        new SurfaceFacts(Map.of(), Map.of(), Map.of(), null, true)
            .withCollisions(
                Map.of(
                    "t3-serve@emo.service",
                    "~/.config/systemd/user/t3-serve@.service is a unit of emo's own of the same"
                        + " name"));
    Plan p =
        plan(
            adopted(),
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
            facts,
            adopting(),
            false);
    assertTrue(
        p.actions().stream().noneMatch(a -> a.describe().contains("t3-serve@emo.service")),
        p.actions().toString());
    assertTrue(
        p.actions().stream().anyMatch(a -> a.describe().contains("playwright-mcp@emo.service")),
        "the user's other units go on");
    assertEquals(
        List.of(
            "t3-serve@emo.service is not started: ~/.config/systemd/user/t3-serve@.service is a"
                + " unit of emo's own of the same name; emo or an admin removes it, then the next"
                + " reconcile starts it"),
        p.notes().stream().filter(n -> n.user().equals("emo")).map(Note::message).toList());
  }

  @Test
  void a_unit_crash_looping_on_a_taken_port_is_disabled_and_stopped_but_a_running_one_is_kept() {
    String why = "port 3774 (T3_PORT) is already taken by emo's process 42 (perl)";
    Map<String, Units.UnitState> states =
        Map.of(
            "t3-serve@emo.service", new Units.UnitState(true, false, false),
            "t3-serve@wizard.service", new Units.UnitState(true, true, false));
    SurfaceFacts facts =
        new SurfaceFacts(Map.of(), Map.of(), states, null, true)
            .withCollisions(Map.of("t3-serve@emo.service", why, "t3-serve@wizard.service", why));
    Plan p =
        plan(
            adopted(),
            List.of(
                user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false),
                user("wizard", Tier.ADMIN, CodeLayout.SINGLE, List.of(), false)),
            facts,
            adopting(),
            false);
    List<String> t3 =
        p.actions().stream().map(Action::describe).filter(d -> d.contains("t3-serve@")).toList();
    assertEquals(List.of("disable and stop t3-serve@emo.service (it collides: " + why + ")"), t3);
    assertEquals(
        2,
        p.notes().stream()
            .filter(n -> n.message().contains("is not started"))
            .filter(n -> n.keptBack().equals(Optional.of(Note.KeptBack.UNIT_COLLISION)))
            .count(),
        "kept back: the run fails until the collision is gone");
  }

  @Test
  void a_parked_users_disabled_timer_whose_service_failed_is_still_cleared() {
    Plan p =
        plan(
            adopted(),
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), true)),
            facts(
                Map.of(),
                Map.of("snapshot-refresh@emo.service", new Units.UnitState(false, false, true))),
            adopting(),
            false);
    assertEquals(
        List.of("snapshot-refresh@emo.timer"),
        p.actions().stream()
            .filter(a -> a instanceof DisableUnit)
            .map(a -> ((DisableUnit) a).unit())
            .toList());
  }

  @Test
  void a_template_that_is_not_installed_is_reported_once_not_enabled() {
    Units.UnitState missing = new Units.UnitState(false, false, false, true);
    Plan p =
        plan(
            adopted(),
            List.of(
                user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false),
                user("wizard", Tier.ADMIN, CodeLayout.SINGLE, List.of(), false)),
            facts(
                Map.of(),
                Map.of(
                    "snapshot-refresh@emo.timer",
                    missing,
                    "snapshot-refresh@wizard.timer",
                    missing)),
            adopting(),
            false);
    assertTrue(
        p.actions().stream()
            .noneMatch(a -> a instanceof EnableUnit e && e.unit().startsWith("snapshot-refresh@")));
    assertEquals(
        1,
        p.notes().stream()
            .filter(n -> n.message().startsWith("snapshot-refresh@.timer is not installed"))
            .count(),
        p.notes().toString());
  }

  @Test
  void generated_files_with_the_same_entries_are_kept_and_dispatch_is_written_as_jq_c() {
    DesiredState d = adopted();
    Map<String, Optional<String>> files = new HashMap<>();
    files.put(
        "/etc/ttyd-user-map",
        Optional.of(
            "# Generated from roster.yaml by roster_engine.py\n# x\nvbarzin=wizard\nemil=emo\n\n"));
    files.put("/etc/ttyd-admins", Optional.of("wizard\n"));
    Plan p = plan(d, List.of(), facts(files, Map.of()), adopting(), true);
    List<String> written =
        p.actions().stream().map(a -> ((WriteFile) a).path().toString()).toList();
    assertEquals(List.of("/etc/t3-serve/dispatch.json"), written, "only the absent file");
    assertEquals(
        "{\"emil\":{\"os_user\":\"emo\",\"port\":3774},\"vbarzin\":{\"os_user\":\"wizard\",\"port\":3773}}\n",
        ((WriteFile) p.actions().get(0)).content());
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
        plan(
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
        plan(
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
    Plan p = plan(DESIRED, List.of(), f, site(), true);
    assertTrue(
        p.actions().stream()
            .noneMatch(
                a -> a instanceof WriteFile w && w.path().toString().equals("/etc/ttyd-user-map")));
    assertTrue(
        p.notes().stream().anyMatch(n -> n.message().contains("/etc/ttyd-user-map is a symlink")));
  }
}
