package dev.workstation.plan;

import static dev.workstation.config.MarkedFile.State.ABSENT;
import static dev.workstation.config.MarkedFile.State.CURRENT;
import static dev.workstation.config.MarkedFile.State.FOREIGN;
import static dev.workstation.plan.PlannerFixtures.home;
import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigPlannerTest {
  static final Path SETTINGS = Path.of("/etc/claude-code/managed-settings.json");
  static final SiteConfig SITE = IdentityPlannerTest.WITH_VAULT;
  static final List<AccountSpec> USERS =
      List.of(
          user("ada", Tier.ADMIN, CodeLayout.SINGLE, List.of(), false),
          user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false));

  /** The machine-wide facet as {@link Planners} lists it. */
  static final Planner MACHINE =
      Planner.of(ConfigPlanner::refusals).withFiles(ConfigPlanner::machineFiles);

  static Desired desired(String settings) {
    return PlannerFixtures.rendered(
        PlannerFixtures.desired(SITE, USERS), "#!/bin/sh\nlaunch\n", settings, Map.of());
  }

  static Observed withFiles(Map<String, Optional<String>> files, Map<String, CodeFacts> homes) {
    return PlannerFixtures.observed(
        USERS,
        homes,
        Set.of(),
        new SurfaceFacts(files, Map.of(), Map.of(), null, true),
        CutFacts.none());
  }

  static List<String> described(Plan p) {
    return p.actions().stream().map(Action::describe).toList();
  }

  @Test
  void a_fresh_machine_gets_the_skeleton_and_the_committed_managed_settings() {
    Plan p = MACHINE.plan(desired("{\"a\":1}"), withFiles(Map.of(), Map.of()), Scope.whole(USERS));
    assertEquals(3, p.actions().size(), described(p).toString());
    assertEquals(
        List.of(ConfigPlanner.SKEL_LAUNCHER, ConfigPlanner.SKEL_CLAUDE, SETTINGS),
        p.actions().stream().map(a -> ((WriteFile) a).path()).toList());
    assertTrue(p.actions().stream().allMatch(a -> a.owner().equals(Owner.BEFORE_USERS)));
  }

  @Test
  void machine_files_that_already_say_the_same_are_not_rewritten() {
    Plan p =
        MACHINE.plan(
            desired("{\"a\":1}"),
            withFiles(
                Map.of(
                    ConfigPlanner.SKEL_LAUNCHER.toString(), Optional.of("#!/bin/sh\nlaunch\n"),
                    ConfigPlanner.SKEL_CLAUDE.toString(),
                        Optional.of(ConfigPlanner.SKEL_CLAUDE_TEXT),
                    SETTINGS.toString(), Optional.of("{\"a\":1}")),
                Map.of()),
            Scope.whole(USERS));
    assertTrue(p.isEmpty(), described(p).toString());
  }

  @Test
  void managed_settings_that_are_not_valid_json_are_refused_and_the_installed_copy_kept() {
    Plan p =
        MACHINE.plan(
            desired("{not json"),
            withFiles(Map.of(SETTINGS.toString(), Optional.of("{}")), Map.of()),
            Scope.whole(USERS));
    assertTrue(p.actions().stream().noneMatch(a -> ((WriteFile) a).path().equals(SETTINGS)));
    assertTrue(
        p.notes().get(0).message().startsWith("managed settings refused"), p.notes().toString());
  }

  @Test
  void a_non_admin_gets_links_and_a_launcher_and_the_admin_gets_neither() {
    Plan p =
        ConfigPlanner.planUsers(
            desired("{}"),
            withFiles(
                Map.of(),
                Map.of(
                    "ada", home(List.of("link skills"), ABSENT, CURRENT, true),
                    "emo", home(List.of("link skills"), ABSENT, CURRENT, true))),
            Scope.whole(USERS));
    assertEquals(
        List.of("link-config", "deploy-launcher"), p.actions().stream().map(Action::kind).toList());
    assertTrue(p.actions().stream().allMatch(a -> a.owner().is("emo")));
  }

  @Test
  void a_launcher_of_the_users_own_is_left_alone_and_reported() {
    Plan p =
        ConfigPlanner.planUsers(
            desired("{}"),
            withFiles(Map.of(), Map.of("emo", home(List.of(), FOREIGN, CURRENT, true))),
            Scope.whole(USERS));
    assertTrue(p.isEmpty(), described(p).toString());
    assertTrue(p.notes().get(0).message().contains("left alone"), p.notes().toString());
  }

  @Test
  void a_base_the_user_cannot_follow_is_planned_so_it_fails_and_plan_never_says_nothing_to_do() {
    String why = "the Config base /home/ada/.claude cannot be reached as emo: /home/ada ...";
    Plan p =
        ConfigPlanner.planUsers(
            desired("{}"),
            withFiles(
                Map.of(), Map.of("emo", home(List.of(), List.of(why), CURRENT, CURRENT, true))),
            Scope.whole(USERS));
    assertEquals(List.of("link-config"), p.actions().stream().map(Action::kind).toList());
    assertTrue(
        p.actions().get(0).describe().contains("will fail: " + why), described(p).toString());
    assertEquals(List.of(why), ((LinkConfig) p.actions().get(0)).unreachable());
  }
}
