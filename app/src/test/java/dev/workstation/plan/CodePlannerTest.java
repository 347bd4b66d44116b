package dev.workstation.plan;

import static dev.workstation.plan.PlannerFixtures.aClone;
import static dev.workstation.plan.PlannerFixtures.facts;
import static dev.workstation.plan.PlannerFixtures.site;
import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.layout.PathKind;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodePlannerTest {

  static Plan plan(
      List<AccountSpec> users,
      Map<String, CodeFacts> homes,
      Set<String> creating,
      dev.workstation.site.SiteConfig site) {
    return CodePlanner.plan(
        PlannerFixtures.desired(site, users),
        PlannerFixtures.observed(users, homes, creating),
        Scope.whole(users));
  }

  static List<String> kinds(Plan p) {
    return p.actions().stream().map(Action::kind).toList();
  }

  @Test
  void a_new_single_user_gets_a_locked_clone_then_wiring_after_their_account() {
    Plan p =
        plan(
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
            Map.of(),
            Set.of("emo"),
            site());
    assertEquals(List.of("clone-infra", "wire-remote"), kinds(p));
    assertEquals(List.of(ActionKey.createAccount("emo")), p.actions().get(0).dependsOn());
    assertTrue(p.actions().get(1).dependsOn().contains(ActionKey.of("clone-infra", "emo")));
  }

  @Test
  void the_infra_clone_uses_the_users_own_token_only_when_clone_credentials_says_user() {
    var emo = List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false));
    CloneInfra anonymous = (CloneInfra) plan(emo, Map.of(), Set.of("emo"), site()).actions().get(0);
    assertEquals(false, anonymous.withUserToken());
    var s = site();
    var i = s.infra().orElseThrow();
    var withToken =
        PlannerFixtures.withInfra(
            s,
            new dev.workstation.site.SiteConfig.Infra(
                i.cloneUrl(),
                dev.workstation.site.SiteConfig.CloneCredentials.USER,
                i.pushRemote(),
                i.pushUrl(),
                i.branch()));
    CloneInfra token = (CloneInfra) plan(emo, Map.of(), Set.of("emo"), withToken).actions().get(0);
    assertEquals(true, token.withUserToken());
    assertTrue(token.describe().contains("with emo's own token"), token.describe());
  }

  @Test
  void a_converged_clone_plans_nothing() {
    CodeFacts f = facts(aClone(true), CodeFacts.PathFacts.absent(), Map.of(), Map.of(), false);
    assertTrue(
        plan(
                List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
                Map.of("emo", f),
                Set.of(),
                site())
            .isEmpty());
  }

  @Test
  void a_clone_made_before_the_contract_is_wired_in_place() {
    CodeFacts f = facts(aClone(false), CodeFacts.PathFacts.absent(), Map.of(), Map.of(), false);
    assertEquals(
        List.of("wire-remote"),
        kinds(
            plan(
                List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
                Map.of("emo", f),
                Set.of(),
                site())));
  }

  @Test
  void the_admins_tree_is_never_touched() {
    assertTrue(
        plan(
                List.of(user("wizard", Tier.ADMIN, CodeLayout.SINGLE, List.of(), false)),
                Map.of(),
                Set.of(),
                site())
            .isEmpty());
  }

  @Test
  void flipping_to_workspace_migrates_then_hoists_a_nested_clone_and_clones_the_rest() {
    CodeFacts f =
        facts(
            aClone(true),
            CodeFacts.PathFacts.absent(),
            Map.of(),
            Map.of("tripit", true, "other", false),
            false);
    Plan p =
        plan(
            List.of(
                user(
                    "emo",
                    Tier.POWER_USER,
                    CodeLayout.WORKSPACE,
                    List.of("tripit", "other"),
                    false)),
            Map.of("emo", f),
            Set.of(),
            site());
    assertEquals(List.of("migrate-layout", "hoist-repo", "clone-repo"), kinds(p));
    assertTrue(p.actions().get(1).dependsOn().contains(ActionKey.migrateLayout("emo")));
    assertTrue(p.actions().get(2).dependsOn().contains(ActionKey.migrateLayout("emo")));
  }

  @Test
  void an_open_journal_resumes_the_migration_whatever_the_layout() {
    CodeFacts f =
        facts(CodeFacts.PathFacts.absent(), CodeFacts.PathFacts.absent(), Map.of(), Map.of(), true);
    Plan p =
        plan(
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
            Map.of("emo", f),
            Set.of(),
            site());
    assertEquals("migrate-layout", p.actions().get(0).kind());
  }

  @Test
  void a_reverse_flip_is_reported_not_performed() {
    CodeFacts f =
        facts(
            new CodeFacts.PathFacts(
                PathKind.DIR, Map.of(), java.util.Optional.empty(), java.util.Optional.empty()),
            aClone(true),
            Map.of(),
            Map.of(),
            false);
    Plan p =
        plan(
            List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false)),
            Map.of("emo", f),
            Set.of(),
            site());
    assertTrue(p.isEmpty());
    assertTrue(
        p.notes().get(0).message().contains("reverse flip is not performed"), p.notes().toString());
  }

  @Test
  void a_symlinked_code_or_repo_is_left_alone_and_reported() {
    CodeFacts link =
        facts(
            new CodeFacts.PathFacts(
                PathKind.SYMLINK, Map.of(), java.util.Optional.empty(), java.util.Optional.empty()),
            CodeFacts.PathFacts.absent(),
            Map.of(),
            Map.of(),
            false);
    Plan p =
        plan(
            List.of(user("emo", Tier.POWER_USER, CodeLayout.WORKSPACE, List.of("x"), false)),
            Map.of("emo", link),
            Set.of(),
            site());
    assertTrue(p.isEmpty());
    assertTrue(p.notes().get(0).message().contains("symlink"));
    CodeFacts repoLink =
        facts(
            new CodeFacts.PathFacts(
                PathKind.DIR, Map.of(), java.util.Optional.empty(), java.util.Optional.empty()),
            aClone(true),
            Map.of("x", PathKind.SYMLINK),
            Map.of(),
            false);
    Plan q =
        plan(
            List.of(user("emo", Tier.POWER_USER, CodeLayout.WORKSPACE, List.of("x"), false)),
            Map.of("emo", repoLink),
            Set.of(),
            site());
    assertTrue(q.isEmpty());
    assertTrue(q.notes().get(0).message().contains("~/code/x is a symlink"));
  }
}
