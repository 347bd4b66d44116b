package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.units.Units.UnitState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Root's side of SPEC §6.12, planned: the gated timer, tokens minted, replaced and revoked. */
class ClaudeAuthPlannerTest {
  static final SiteConfig SITE =
      SiteConfigParser.parse(
          "workstation.yaml",
          ("vault: {address: https://vault.example, token_file: /etc/workstation/vault-token}\n"
                  + "claude_auth: {}\n")
              .getBytes(StandardCharsets.UTF_8));

  static final AccountSpec EMO = user("emo", true, false);
  static final AccountSpec KAI = user("kai", false, false);

  static AccountSpec user(String name, boolean claudeAuth, boolean parked) {
    AccountSpec a =
        PlannerFixtures.user(name, Tier.POWER_USER, CodeLayout.SINGLE, List.of(), parked);
    return new AccountSpec(
        a.osUser(),
        a.tier(),
        a.shell(),
        a.loginLocked(),
        a.groups(),
        a.codeLayout(),
        a.repos(),
        a.namespaces(),
        a.parked(),
        claudeAuth && !parked,
        a.authentikUser(),
        a.k8sUser());
  }

  static Plan plan(SiteConfig site, List<AccountSpec> users, ClaudeAuthFacts facts, Scope scope) {
    Observed o = PlannerFixtures.observed(users, Map.of(), Set.of());
    Observed with =
        new Observed(o.host(), o.uids(), o.homes(), o.unobservable(), o.surface(), o.cuts(), facts);
    return ours(Planners.plan(PlannerFixtures.desired(site, users), with, scope));
  }

  /** The plan's actions of this facet (its timer's included), and every note. */
  static Plan ours(Plan p) {
    return new Plan(p.actions().stream().filter(ClaudeAuthPlannerTest::ours).toList(), p.notes());
  }

  static boolean ours(Action a) {
    return a instanceof MintClaudeToken
        || a instanceof RevokeClaudeToken
        || a instanceof MakeClaudeDirs
        || (a instanceof EnableUnit e && e.unit().startsWith("workstation-claude-auth@"))
        || (a instanceof DisableUnit d && d.unit().startsWith("workstation-claude-auth@"));
  }

  static ClaudeAuthFacts facts(
      Map<String, String> recorded, Map<String, String> stale, Map<String, Set<String>> missing) {
    return new ClaudeAuthFacts(recorded, stale, missing, Map.of(), Optional.empty());
  }

  static List<String> keys(Plan p) {
    return p.actions().stream().map(a -> a.key().toString()).toList();
  }

  @Test
  void the_first_run_mints_a_token_for_the_user_with_the_flag_on_and_enables_only_their_timer() {
    Plan p =
        plan(
            SITE,
            List.of(EMO, KAI),
            facts(Map.of(), Map.of(), Map.of("emo", ClaudeAuthPlanner.everything())),
            Scope.whole(List.of(EMO, KAI)));
    assertEquals(
        List.of("mint-claude-token:emo", "enable-unit:emo:workstation-claude-auth@emo.timer"),
        keys(p));
    MintClaudeToken mint = (MintClaudeToken) p.actions().get(0);
    assertEquals("workstation-claude-emo", mint.spec().policy());
    assertEquals(Optional.empty(), mint.replaces());
    assertEquals(
        "mint emo's Vault token for the Claude login job (policy workstation-claude-emo) into"
            + " ~/.config/workstation/claude-auth/vault-token (none handed out yet)",
        mint.describe());
  }

  @Test
  void a_second_run_with_the_token_alive_and_its_file_in_place_plans_nothing() {
    Plan p =
        plan(
            SITE,
            List.of(EMO, KAI),
            facts(Map.of("emo", "acc1"), Map.of(), Map.of("emo", Set.of())),
            Scope.whole(List.of(EMO, KAI)));
    assertEquals(List.of("enable-unit:emo:workstation-claude-auth@emo.timer"), keys(p));
    Plan running = planRunning(facts(Map.of("emo", "acc1"), Map.of(), Map.of("emo", Set.of())));
    assertEquals(List.of(), keys(running), running.toString());
  }

  /** The same two users, emo's timer already enabled and running. */
  static Plan planRunning(ClaudeAuthFacts facts) {
    List<AccountSpec> users = List.of(EMO, KAI);
    SurfaceFacts units =
        new SurfaceFacts(
            Map.of(),
            Map.of(),
            Map.of("workstation-claude-auth@emo.timer", new UnitState(true, true, false)),
            null,
            true);
    Observed o = PlannerFixtures.observed(users, Map.of(), Set.of(), units, CutFacts.none());
    Observed with =
        new Observed(o.host(), o.uids(), o.homes(), o.unobservable(), o.surface(), o.cuts(), facts);
    return ours(Planners.plan(PlannerFixtures.desired(SITE, users), with, Scope.whole(users)));
  }

  @Test
  void a_token_vault_no_longer_vouches_for_or_a_lost_token_file_is_replaced() {
    Plan gone =
        planRunning(
            facts(
                Map.of("emo", "acc1"),
                Map.of("emo", "is gone from Vault (revoked or expired)"),
                Map.of("emo", Set.of())));
    MintClaudeToken mint = (MintClaudeToken) gone.actions().get(0);
    assertEquals(Optional.of("acc1"), mint.replaces());
    assertTrue(
        mint.describe().endsWith("(the one handed out is gone from Vault (revoked or expired))"));
    Plan lost =
        planRunning(
            facts(
                Map.of("emo", "acc1"),
                Map.of(),
                Map.of("emo", Set.of(ClaudeAuthPaths.VAULT_TOKEN))));
    assertEquals(List.of("mint-claude-token:emo"), keys(lost));
    assertTrue(lost.actions().get(0).describe().contains("vault-token is gone"));
  }

  @Test
  void missing_directories_alone_are_made_without_a_new_token() {
    Plan p =
        planRunning(
            facts(
                Map.of("emo", "acc1"),
                Map.of(),
                Map.of("emo", Set.of(ClaudeAuthPaths.STATE_DIR, ClaudeAuthPaths.CLAUDE_DIR))));
    assertEquals(List.of("make-claude-dirs:emo"), keys(p));
    assertEquals(
        "create ~/.claude, ~/.local/state/workstation (0700) for the Claude login job",
        p.actions().get(0).describe());
  }

  @Test
  void flag_off_parked_and_leavers_have_their_token_revoked_and_their_timer_disabled() {
    AccountSpec parked = user("pat", true, true);
    List<AccountSpec> users = List.of(KAI, parked);
    SurfaceFacts units =
        new SurfaceFacts(
            Map.of(),
            Map.of(),
            Map.of(
                "workstation-claude-auth@kai.timer", new UnitState(true, true, false),
                "workstation-claude-auth@pat.service", new UnitState(false, false, true)),
            null,
            true);
    Observed o = PlannerFixtures.observed(users, Map.of(), Set.of(), units, CutFacts.none());
    ClaudeAuthFacts f = facts(Map.of("kai", "a1", "pat", "a2", "gone", "a3"), Map.of(), Map.of());
    Plan p =
        ours(
            Planners.plan(
                PlannerFixtures.desired(SITE, users),
                new Observed(o.host(), o.uids(), o.homes(), Map.of(), units, o.cuts(), f),
                Scope.whole(users)));
    assertEquals(
        List.of(
            "revoke-claude-token:kai",
            "revoke-claude-token:pat",
            "revoke-claude-token:gone",
            "disable-unit:kai:workstation-claude-auth@kai.timer",
            "disable-unit:pat:workstation-claude-auth@pat.timer"),
        keys(p));
    assertEquals(
        List.of("claude_auth is false", "parked", "not on the roster"),
        p.actions().stream()
            .filter(a -> a instanceof RevokeClaudeToken)
            .map(a -> ((RevokeClaudeToken) a).why())
            .toList());
    assertTrue(
        p.actions().stream().noneMatch(a -> a.describe().contains("a1")),
        "no accessor in what plan prints");
  }

  @Test
  void vault_unreachable_while_looking_tokens_up_is_kept_back_and_nothing_is_minted() {
    ClaudeAuthFacts f =
        new ClaudeAuthFacts(
            Map.of("emo", "acc1"),
            Map.of(),
            Map.of("emo", Set.of()),
            Map.of(),
            Optional.of("vault: auth/token/lookup-accessor: unreachable (ConnectException)"));
    Plan p = plan(SITE, List.of(EMO), f, Scope.whole(List.of(EMO)));
    assertTrue(p.actions().stream().noneMatch(a -> a instanceof MintClaudeToken), p.toString());
    Note n = p.notes().stream().filter(x -> x.keptBack().isPresent()).findFirst().orElseThrow();
    assertEquals(Note.KeptBack.CLAUDE_AUTH, n.keptBack().get());
    assertTrue(n.message().contains("unreachable"), n.message());
  }

  @Test
  void without_a_claude_auth_section_the_timer_is_off_for_everyone_and_plan_says_so() {
    Plan p =
        Planners.plan(
            PlannerFixtures.desired(PlannerFixtures.site(), List.of(EMO)),
            PlannerFixtures.observed(
                List.of(EMO),
                Map.of(),
                Set.of(),
                new SurfaceFacts(
                    Map.of(),
                    Map.of(),
                    Map.of("workstation-claude-auth@emo.timer", new UnitState(true, false, false)),
                    null,
                    true),
                CutFacts.none()),
            Scope.whole(List.of(EMO)));
    DisableUnit d =
        (DisableUnit) p.actions().stream().filter(ClaudeAuthPlannerTest::ours).findFirst().get();
    assertEquals("no claude_auth: section in the site config", d.why());
    assertTrue(
        p.notes().stream().anyMatch(n -> n.message().startsWith("no claude_auth: section")),
        p.notes().toString());
  }

  @Test
  void a_user_scoped_run_leaves_other_users_records_alone() {
    Plan p =
        plan(
            SITE,
            List.of(EMO),
            facts(Map.of("emo", "acc1", "gone", "a3"), Map.of(), Map.of("emo", Set.of())),
            new Scope(List.of(EMO), Optional.of("emo")));
    assertTrue(p.actions().stream().noneMatch(a -> a instanceof RevokeClaudeToken), p.toString());
  }
}
