package dev.workstation.plan;

import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.RosterParser;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.units.Units;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each user's env files: one per pool file, its own key, other lines kept (SPEC §6.7). */
class EnvFilePlannerTest {
  static DesiredState adopted() {
    return SurfacePlannerTest.adopted();
  }

  static SiteConfig adopting() {
    return SurfacePlannerTest.adopting();
  }

  static SurfaceFacts facts(
      Map<String, Optional<String>> files, Map<String, Units.UnitState> units) {
    return new SurfaceFacts(files, Map.of(), units, null, false);
  }

  /** The env-file facet's plan for {@code users} (the old SurfacePlanner call shape). */
  static Plan plan(
      DesiredState state,
      List<AccountSpec> users,
      SurfaceFacts facts,
      SiteConfig site,
      boolean wholeRoster) {
    Desired d =
        Desired.of(site, RosterParser.parse("r.yaml", SurfacePlannerTest.TWO.getBytes()), state);
    Observed o = PlannerFixtures.observed(users, Map.of(), Set.of(), facts, CutFacts.none());
    return Planner.ofFiles(EnvFilePlanner::files).plan(d, o, Scope.whole(users));
  }

  /** emo's plan when their t3 file and playwright file hold these lines. */
  static Plan emoWith(String t3File, String playwrightFile) {
    Map<String, Optional<String>> files = new HashMap<>();
    files.put("/etc/t3-serve/emo.env", Optional.of(t3File));
    files.put("/etc/t3-serve/playwright-emo.env", Optional.of(playwrightFile));
    return plan(
        adopted(),
        List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
        facts(files, Map.of()),
        adopting(),
        false);
  }

  @Test
  void each_pool_writes_its_own_file_and_key_and_the_token_line_is_stripped() {
    Plan p = emoWith("T3_PORT=3774\nCLAUDE_CODE_OAUTH_TOKEN=sk-x\n", "PLAYWRIGHT_PORT=8932\n");
    List<WriteFile> writes =
        p.actions().stream().filter(a -> a instanceof WriteFile).map(a -> (WriteFile) a).toList();
    assertEquals(1, writes.size(), p.toString());
    assertEquals("/etc/t3-serve/emo.env", writes.get(0).path().toString());
    assertEquals("T3_PORT=3774\n", writes.get(0).content());
    assertTrue(writes.get(0).describe().contains("strips CLAUDE_CODE_OAUTH_TOKEN (1 line)"));
    assertFalse(writes.get(0).describe().contains("sk-x"), "a stripped value is never shown");
  }

  @Test
  void a_missing_pool_file_is_created_with_only_that_pools_key() {
    Plan p =
        plan(
            adopted(),
            List.of(user("wizard", Tier.ADMIN, CodeLayout.SINGLE, List.of(), false)),
            facts(Map.of(), Map.of()),
            adopting(),
            false);
    assertTrue(
        p.actions().stream()
            .anyMatch(
                a ->
                    a instanceof WriteFile w
                        && w.path().toString().equals("/etc/t3-serve/playwright-wizard.env")
                        && w.content().equals("PLAYWRIGHT_PORT=8931\n")),
        p.toString());
  }

  @Test
  void an_env_file_that_already_holds_its_ports_is_not_rewritten() {
    Plan p = emoWith("# mine\nT3_PORT=3774\n", "PLAYWRIGHT_PORT=8932\n");
    assertTrue(p.isEmpty(), p.toString());
  }

  @Test
  void an_env_file_that_is_not_a_regular_file_is_reported_and_not_replaced() {
    SurfaceFacts fifo =
        new SurfaceFacts(
            Map.of(),
            Map.of("/etc/t3-serve/emo.env", "a other, not a regular file"),
            Map.of(),
            null,
            false);
    Plan p =
        plan(
            adopted(),
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
            fifo,
            adopting(),
            false);
    assertTrue(
        p.actions().stream().noneMatch(a -> a.key().toString().contains("/etc/t3-serve/emo.env")),
        p.toString());
    assertEquals(
        "/etc/t3-serve/emo.env is a other, not a regular file; not replaced",
        p.notes().get(0).message());
  }

  @Test
  void the_facet_declares_each_pool_file_of_each_user_for_the_observer() {
    List<AccountSpec> users =
        List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false));
    Desired d =
        Desired.of(
            adopting(), RosterParser.parse("r.yaml", SurfacePlannerTest.TWO.getBytes()), adopted());
    Scope scope = Scope.whole(users);
    Uids uids = PlannerFixtures.observed(users, Map.of(), Set.of()).uids();
    List<RootFile> declared = EnvFilePlanner.files(d, scope, uids);
    assertEquals(
        Set.of("/etc/t3-serve/emo.env", "/etc/t3-serve/playwright-emo.env"),
        Set.copyOf(declared.stream().map(f -> f.path().toString()).toList()));
    assertTrue(
        declared.stream().allMatch(f -> f.owner().is("emo") && f.mode().equals("rw-------")));
    assertTrue(
        Planners.rootFiles(d, scope, uids).stream()
            .map(RootFile::path)
            .toList()
            .containsAll(declared.stream().map(RootFile::path).toList()));
  }
}
