package dev.workstation.plan;

import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.ContainmentSettings;
import dev.workstation.site.SiteConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The containment facet (SPEC §6.11), planned as {@link Planners} lists it. */
class ContainmentPlannerTest {
  static final long G = 1L << 30;
  static final ContainmentSettings CAPS =
      new ContainmentSettings(
          Map.of(Tier.ADMIN, 24 * G, Tier.POWER_USER, 16 * G, Tier.NAMESPACE_OWNER, 12 * G),
          0,
          8192,
          6 * G,
          1.5);
  static final SiteConfig SITE = PlannerFixtures.withContainment(PlannerFixtures.site(), CAPS);
  static final String PANE = "/etc/systemd/user/scope.d/50-workstation-pane.conf";

  static final List<AccountSpec> USERS =
      List.of(
          user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false),
          user("zed", Tier.NAMESPACE_OWNER, CodeLayout.SINGLE, List.of(), false));

  /** The whole run's plan for {@code users} on {@code site}, nothing of the facet's on the host. */
  static Plan plan(SiteConfig site, List<AccountSpec> users, Observed o) {
    return Planners.plan(PlannerFixtures.desired(site, users), o, Scope.whole(users));
  }

  /** path → content of every file the plan writes under /etc/systemd. */
  static Map<String, String> dropIns(Plan p) {
    Map<String, String> out = new HashMap<>();
    for (Action a : p.actions()) {
      if (a instanceof WriteFile w && w.path().startsWith("/etc/systemd")) {
        out.put(w.path().toString(), w.content());
      }
    }
    return out;
  }

  @Test
  void each_users_slice_gets_their_tiers_caps_keyed_by_uid_a_new_accounts_included() {
    Observed o = PlannerFixtures.observed(USERS, Map.of(), Set.of("zed"));
    int zed = o.uids().of("zed").getAsInt();
    Map<String, String> written = dropIns(plan(SITE, USERS, o));
    String header =
        "# Written by workstation (containment: in its site config, SPEC 6.11); a reconcile\n"
            + "# rewrites it: change the site config, not this file.\n";
    assertEquals(
        header + "# emo (power-user)\n[Slice]\nMemoryMax=16G\nMemorySwapMax=0\nTasksMax=8192\n",
        written.get("/etc/systemd/system/user-1001.slice.d/50-workstation.conf"));
    assertEquals(
        header
            + "# zed (namespace-owner)\n[Slice]\nMemoryMax=12G\nMemorySwapMax=0\nTasksMax=8192\n",
        written.get("/etc/systemd/system/user-" + zed + ".slice.d/50-workstation.conf"));
    assertEquals(header + "[Scope]\nMemoryMax=6G\nOOMPolicy=continue\n", written.get(PANE));
    assertEquals(3, written.size(), written.toString());
    assertTrue(written.values().stream().noneMatch(c -> c.contains("MemoryHigh")));
  }

  @Test
  void a_slice_drop_in_is_its_users_own_step_and_the_pane_drop_in_the_machines_before_them() {
    Plan p = plan(SITE, USERS, PlannerFixtures.observed(USERS, Map.of(), Set.of()));
    Map<String, Owner> owners = new HashMap<>();
    p.actions().stream()
        .filter(a -> a instanceof WriteFile)
        .forEach(a -> owners.put(((WriteFile) a).path().toString(), a.owner()));
    assertEquals(Owner.BEFORE_USERS, owners.get(PANE));
    assertEquals(
        Owner.user("emo"), owners.get("/etc/systemd/system/user-1001.slice.d/50-workstation.conf"));
  }

  @Test
  void a_run_that_writes_them_reloads_systemd_and_the_user_managers_once_after_every_lane() {
    Plan p = plan(SITE, USERS, PlannerFixtures.observed(USERS, Map.of(), Set.of()));
    List<Action> reloads = p.actions().stream().filter(a -> a instanceof ReloadUnits).toList();
    assertEquals(1, reloads.size());
    assertEquals(p.actions().get(p.actions().size() - 1), reloads.get(0));
    assertEquals(
        "reload systemd and the running user managers (3 unit files changed)",
        reloads.get(0).describe());
  }

  @Test
  void a_host_that_already_holds_them_plans_nothing_and_reloads_nothing() {
    Map<String, Optional<String>> there = new HashMap<>();
    dropIns(plan(SITE, USERS, PlannerFixtures.observed(USERS, Map.of(), Set.of())))
        .forEach((path, content) -> there.put(path, Optional.of(content)));
    Observed o =
        PlannerFixtures.observed(
            USERS,
            Map.of(),
            Set.of(),
            new SurfaceFacts(there, Map.of(), Map.of(), null, true),
            CutFacts.none());
    Plan p = plan(SITE, USERS, o);
    assertEquals(Map.of(), dropIns(p));
    assertTrue(p.actions().stream().noneMatch(a -> a instanceof ReloadUnits), p.toString());
  }

  @Test
  void a_tier_change_rewrites_that_users_drop_in_alone() {
    Map<String, Optional<String>> there = new HashMap<>();
    dropIns(plan(SITE, USERS, PlannerFixtures.observed(USERS, Map.of(), Set.of())))
        .forEach((path, content) -> there.put(path, Optional.of(content)));
    List<AccountSpec> promoted =
        List.of(
            user("emo", Tier.ADMIN, CodeLayout.SINGLE, List.of(), false),
            user("zed", Tier.NAMESPACE_OWNER, CodeLayout.SINGLE, List.of(), false));
    Observed o =
        PlannerFixtures.observed(
            promoted,
            Map.of(),
            Set.of(),
            new SurfaceFacts(there, Map.of(), Map.of(), null, true),
            CutFacts.none());
    Map<String, String> written = dropIns(plan(SITE, promoted, o));
    assertEquals(
        Set.of("/etc/systemd/system/user-1001.slice.d/50-workstation.conf"), written.keySet());
    assertTrue(written.values().iterator().next().contains("MemoryMax=24G\n"));
  }

  @Test
  void a_parked_user_keeps_their_cap() {
    List<AccountSpec> parked =
        List.of(user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), true));
    Map<String, String> written =
        dropIns(plan(SITE, parked, PlannerFixtures.observed(parked, Map.of(), Set.of())));
    assertTrue(
        written.containsKey("/etc/systemd/system/user-1001.slice.d/50-workstation.conf"),
        written.toString());
  }

  @Test
  void without_a_containment_section_nothing_is_written_or_removed() {
    SiteConfig none = PlannerFixtures.site();
    assertEquals(
        Map.of(), dropIns(plan(none, USERS, PlannerFixtures.observed(USERS, Map.of(), Set.of()))));
    assertTrue(Planners.destroying(Planners.ALL, none, "emo", 1001).isEmpty());
  }

  @Test
  void destroying_an_account_removes_its_slice_drop_in_then_reloads_systemd() {
    List<Action> steps = Planners.destroying(Planners.ALL, SITE, "emo", 1001);
    assertEquals(
        List.of(
            "remove /etc/systemd/system/user-1001.slice.d/50-workstation.conf: goes with the"
                + " destroyed account",
            "reload systemd (1 unit file changed)"),
        steps.stream().map(Action::describe).toList());
    assertEquals(Owner.user("emo"), steps.get(0).owner());
  }

  @Test
  void a_user_without_a_uid_left_gets_no_drop_in() {
    Observed o = PlannerFixtures.observed(USERS, Map.of(), Set.of("zed"));
    Observed noUid =
        new Observed(
            o.host(),
            new Uids(Map.of("emo", 1001), Set.of("zed")),
            o.homes(),
            o.unobservable(),
            o.surface(),
            o.cuts());
    Map<String, String> written = dropIns(plan(SITE, USERS, noUid));
    assertFalse(written.keySet().stream().anyMatch(p -> p.contains("user-1002")));
    assertEquals(2, written.size(), written.toString());
  }
}
