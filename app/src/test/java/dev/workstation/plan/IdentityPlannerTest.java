package dev.workstation.plan;

import static dev.workstation.config.MarkedFile.State.CURRENT;
import static dev.workstation.config.MarkedFile.State.FOREIGN;
import static dev.workstation.config.MarkedFile.State.STALE;
import static dev.workstation.plan.PlannerFixtures.home;
import static dev.workstation.plan.PlannerFixtures.site;
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

class IdentityPlannerTest {
  static final List<AccountSpec> EMO =
      List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false));

  static final SiteConfig WITH_VAULT =
      PlannerFixtures.withVaultKubeAndManagedSettings(
          site(),
          new SiteConfig.Vault(
              "https://vault",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(new SiteConfig.VaultSecretRef("kv", "users/{os_user}", "token"))),
          new SiteConfig.ManagedSettings(Path.of("/etc/claude-code/managed-settings.json")));

  static Plan plan(SiteConfig site, Map<String, CodeFacts> homes, Set<String> creating) {
    Desired d =
        PlannerFixtures.rendered(
            PlannerFixtures.desired(site, EMO),
            "#!/bin/sh\n",
            "{}",
            site.kube().isPresent() ? Map.of("emo", "KUBECONFIG") : Map.of());
    return IdentityPlanner.plan(
        d, PlannerFixtures.observed(EMO, homes, creating), Scope.whole(EMO));
  }

  static List<String> kinds(Plan p) {
    return p.actions().stream().map(Action::kind).toList();
  }

  @Test
  void a_new_account_gets_its_kubeconfig_and_token_after_the_account_exists() {
    Plan p = plan(WITH_VAULT, Map.of(), Set.of("emo"));
    assertEquals(List.of("write-kubeconfig", "write-git-credentials"), kinds(p));
    for (Action a : p.actions()) {
      assertEquals(List.of(ActionKey.createAccount("emo")), a.dependsOn(), a.describe());
    }
    assertEquals("KUBECONFIG", ((WriteKubeconfig) p.actions().get(0)).content());
  }

  @Test
  void the_token_is_read_from_the_users_own_vault_path_for_the_forgejo_host() {
    WriteGitCredentials w =
        (WriteGitCredentials) plan(WITH_VAULT, Map.of(), Set.of("emo")).actions().get(1);
    assertEquals("users/emo", w.path());
    assertEquals("forgejo", w.host());
    assertEquals("https", w.scheme());
  }

  @Test
  void a_kubeconfig_of_the_users_own_is_reported_and_never_replaced() {
    Plan p = plan(WITH_VAULT, Map.of("emo", home(List.of(), CURRENT, FOREIGN, true)), Set.of());
    assertEquals(List.of(), kinds(p));
    assertTrue(p.notes().get(0).message().contains("not replaced"), p.notes().toString());
  }

  @Test
  void a_stale_kubeconfig_of_ours_is_updated_and_a_current_one_left_alone() {
    assertEquals(
        List.of("write-kubeconfig"),
        kinds(plan(WITH_VAULT, Map.of("emo", home(List.of(), CURRENT, STALE, true)), Set.of())));
    assertEquals(
        List.of(),
        kinds(plan(WITH_VAULT, Map.of("emo", home(List.of(), CURRENT, CURRENT, true)), Set.of())));
  }

  @Test
  void without_kube_and_vault_sections_a_new_account_gets_no_identity_files() {
    assertEquals(List.of(), kinds(plan(site(), Map.of(), Set.of("emo"))));
  }

  @Test
  void a_home_that_could_not_be_observed_gets_no_identity_actions() {
    Desired d =
        PlannerFixtures.rendered(
            PlannerFixtures.desired(WITH_VAULT, EMO), "", "{}", Map.of("emo", "K"));
    Observed o = PlannerFixtures.observed(EMO, Map.of(), Set.of());
    Observed blind =
        new Observed(o.host(), o.uids(), o.homes(), Map.of("emo", "hung"), o.surface(), o.cuts());
    assertTrue(IdentityPlanner.plan(d, blind, Scope.whole(EMO)).isEmpty());
  }
}
