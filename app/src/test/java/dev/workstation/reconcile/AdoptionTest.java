package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.derive.Deriver;
import dev.workstation.plan.Action;
import dev.workstation.plan.CloneInfra;
import dev.workstation.plan.EnableUnit;
import dev.workstation.plan.Owner;
import dev.workstation.plan.Plan;
import dev.workstation.plan.WriteFile;
import dev.workstation.reconcile.AdoptionReport.Finding;
import dev.workstation.reconcile.AdoptionReport.Flag;
import dev.workstation.reconcile.AdoptionReport.Level;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.units.Units;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdoptionTest {
  static final SiteConfig SITE =
      SiteConfigParser.parse(
          "w.yaml",
          ("units:\n  per_user: [t3-serve@]\n  port_pools: {t3: 3773}\n"
                  + "  env_strip: [CLAUDE_CODE_OAUTH_TOKEN]\n")
              .getBytes());
  static final String ROSTER =
      "users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n"
          + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n";

  /** The host had both users on 3773; emo keeps it (first by name), wizard moves. */
  static DesiredState desired() {
    return Deriver.derive(
        RosterParser.parse("r.yaml", ROSTER.getBytes()),
        SITE,
        Map.of("t3", Map.of("emo", 3773, "wizard", 3773)));
  }

  /** A plan-only run of {@link #ROSTER} with {@code actions}. */
  static Reconciler.Result run(List<Action> actions) {
    DesiredState d = desired();
    return new Reconciler.Result(
        "r.yaml",
        new Plan(actions, List.of()),
        List.of(),
        List.of(),
        List.of(),
        List.copyOf(d.accounts().values()),
        Map.of(),
        d,
        0,
        new SourceReport(
            SourceReport.Trust.LOCAL_FILE, Optional.empty(), List.of(), Optional.empty()),
        dev.workstation.plan.ObservedFixtures.nothing());
  }

  static AdoptionReport report(List<Action> actions, Map<String, Optional<String>> files) {
    Reconciler.Result run = run(actions);
    Adoption.Observed seen =
        new Adoption.Observed(
            Map.of("emo", "/bin/bash", "wizard", "/bin/zsh"),
            Map.of("t3", Map.of("emo", 3773, "wizard", 3773)),
            Map.of(),
            files,
            Map.of(),
            Map.of("t3-serve@.service", Optional.of("/etc/systemd/system/t3-serve@.service")),
            null);
    return Adoption.report(run, SITE, seen, true);
  }

  static Finding one(AdoptionReport r, String user, String facet) {
    List<Finding> f =
        r.findings().stream()
            .filter(x -> x.user().equals(user) && x.facet().equals(facet))
            .toList();
    assertEquals(1, f.size(), f.toString());
    return f.get(0);
  }

  @Test
  void a_port_another_user_also_claimed_is_flagged_as_a_move_and_the_keeper_is_not() {
    AdoptionReport r = report(List.of(), Map.of());
    assertEquals(Level.SAME, one(r, "emo", "port t3").level());
    Finding wizard = one(r, "wizard", "port t3");
    assertEquals(Flag.MOVES_PORT, wizard.flag());
    assertTrue(wizard.detail().startsWith("3773 -> 3774"), wizard.detail());
  }

  @Test
  void a_shell_that_differs_from_the_default_is_reported_kept_never_as_a_change() {
    Finding emo = one(report(List.of(), Map.of()), "emo", "shell");
    assertEquals(Level.SAME, emo.level());
    assertEquals(
        "/bin/bash (an existing account's shell is never changed; new accounts get /bin/zsh)",
        emo.detail());
  }

  @Test
  void every_planned_action_is_reported_once_units_and_homes_are_flagged() {
    Path env = Path.of("/etc/t3-serve/emo.env");
    List<Action> actions =
        List.of(
            new EnableUnit("emo", "t3-serve@emo.service"),
            new CloneInfra("emo", "code", "https://x/infra.git", "master", false, List.of()),
            new WriteFile(Owner.user("emo"), env, "T3_PORT=3773\n", "rw-------", "x"),
            new WriteFile(
                Owner.AFTER_USERS, Path.of("/etc/ttyd-user-map"), "new\n", "rw-r--r--", "map"));
    Map<String, Optional<String>> files = new HashMap<>();
    files.put(env.toString(), Optional.of("T3_PORT=3773\nCLAUDE_CODE_OAUTH_TOKEN=x\n"));
    files.put("/etc/ttyd-user-map", Optional.of("old=old\n"));
    AdoptionReport r = report(actions, files);
    assertEquals(Flag.CHANGES_UNIT, one(r, "emo", "unit").flag());
    assertEquals(Flag.TOUCHES_HOME, one(r, "emo", "home").flag());
    assertEquals(Flag.REWRITES_FILE, one(r, "-", "/etc/ttyd-user-map").flag());
    assertTrue(
        r.findings().stream()
            .anyMatch(
                f ->
                    f.level() == Level.CHANGE
                        && f.detail().contains("strips CLAUDE_CODE_OAUTH_TOKEN (1 line)")));
    long reported =
        r.findings().stream().filter(f -> f.level() != Level.SAME).count()
            - r.count(Flag.MOVES_PORT);
    assertEquals(actions.size(), reported, r.findings().toString());
  }

  @Test
  void a_unit_whose_template_is_missing_is_flagged() {
    Reconciler.Result run = run(List.of());
    Adoption.Observed seen =
        new Adoption.Observed(
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of("t3-serve@emo.service", new Units.UnitState(false, false, false, true)),
            Map.of("t3-serve@.service", Optional.empty()),
            null);
    AdoptionReport r = Adoption.report(run, SITE, seen, true);
    assertEquals(Flag.CHANGES_UNIT, one(r, "-", "t3-serve@.service").flag());
    assertTrue(one(r, "emo", "unit").detail().contains("t3-serve@.service is not installed"));
  }

  @Test
  void a_root_file_write_of_a_facet_other_than_the_env_files_is_still_reported() {
    Path motd = Path.of("/etc/workstation/motd/emo");
    List<Action> actions =
        List.of(new WriteFile(Owner.user("emo"), motd, "hello\n", "rw-r--r--", "motd (new)"));
    AdoptionReport r = report(actions, Map.of());
    assertTrue(
        r.findings().stream()
            .anyMatch(
                f ->
                    f.user().equals("emo")
                        && f.level() != Level.SAME
                        && f.detail().contains(motd.toString())),
        r.findings().toString());
  }
}
