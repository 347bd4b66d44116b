package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.JsonReader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees when something is wrong: a broken committed roster or an untrusted change
 * never blinds {@code status} (the last applied state stays on screen, with the problem, exit 1);
 * every run writes the metrics, a failed one too; a cut user awaiting destroy is listed.
 */
class OperatorViewE2E extends SiteTest {
  static final String ROSTER =
      TrustFixture.ROSTER + "  pat: {authentik_user: pat, k8s_user: pat, tier: power-user}\n";

  TrustFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = TrustFixture.open(site, ROSTER);
  }

  String metrics() throws Exception {
    return Files.readString(f.metrics.resolve("workstation.prom"));
  }

  static double sample(String prom, String name) {
    return prom.lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing in:\n" + prom));
  }

  @Test
  void an_invalid_committed_roster_shows_the_last_applied_state_the_problem_and_failed_metrics()
      throws Exception {
    String good = metrics();
    assertEquals(1, sample(good, "workstation_last_run_success"));
    double success = sample(good, "workstation_last_success_timestamp_seconds");

    f.roster.commit(
        RosterRepo.PATH,
        ROSTER.replace("tier: power-user}\n  pat", "tier: boss}\n  pat"),
        TrustFixture.ADMIN,
        "roster: a typo");
    Sandbox.Result run = f.ws("reconcile");
    assertEquals(3, run.code(), run.both());

    String failed = metrics();
    assertEquals(0, sample(failed, "workstation_last_run_success"), failed);
    assertEquals(3, sample(failed, "workstation_last_run_exit_code"));
    assertEquals(success, sample(failed, "workstation_last_success_timestamp_seconds"));

    Sandbox.Result status = f.ws("status");
    assertEquals(1, status.code(), status.both());
    String out = status.out();
    assertTrue(out.contains("roster: last applied roster ("), out);
    assertTrue(out.contains("problem: the roster is not applied: "), out);
    assertTrue(out.contains("users.emo.tier: 'boss' is not a tier"), out);
    assertTrue(out.contains("last run: ") && out.contains(" failed (exit 3): invalid input"), out);
    for (String user : List.of("wizard", "emo", "pat")) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith(user + " ")), user + " missing:\n" + out);
    }
    Map<String, Object> json = JsonReader.object("status", f.ws("--json", "status").out());
    assertEquals(true, json.get("fallback"));
    assertEquals(false, json.get("healthy"));
    assertFalse(((List<?>) json.get("problems")).isEmpty());
  }

  @Test
  void an_untrusted_change_is_a_problem_in_status_and_counted_in_the_metrics() throws Exception {
    f.unsigned(RosterRepo.PATH, TrustFixture.GRANT, TrustFixture.MALLORY);
    assertEquals(1, f.ws("reconcile").code());
    assertEquals(1, sample(metrics(), "workstation_roster_untrusted_changes"));
    assertEquals(0, sample(metrics(), "workstation_last_run_success"));
    Sandbox.Result status = f.ws("status");
    assertEquals(1, status.code());
    assertTrue(status.out().contains("problem: untrusted: commit "), status.out());
  }

  @Test
  void a_cut_user_awaits_destroy_in_status_its_json_offboard_pending_and_the_metrics()
      throws Exception {
    f.ws("offboard", "pat", "--reason", "left").ok();
    Sandbox.Result pending = f.ws("offboard", "--pending");
    assertEquals(0, pending.code(), pending.both());
    assertTrue(pending.out().startsWith("pat  cut "), pending.out());
    assertTrue(f.ws("status").out().contains("awaiting destroy: pat (cut "), f.ws("status").out());
    Map<String, Object> json = JsonReader.object("status", f.ws("--json", "status").out());
    assertEquals(
        "pat",
        ((Map<?, ?>) ((List<?>) json.get("awaiting_destroy")).get(0)).get("user"),
        json.toString());
    f.ws("reconcile").ok();
    assertEquals(1, sample(metrics(), "workstation_users_awaiting_destroy"));

    f.ws("offboard", "pat", "--destroy", "--yes").ok();
    assertEquals("Nobody awaits destroy.\n", f.ws("offboard", "--pending").out());
  }

  /**
   * A signed but invalid managed-settings.json leaves the old policy in force: the run goes on for
   * everything else, and fails (it exited 0 with last_run_success 1 and only a warning).
   */
  @Test
  void kept_back_managed_settings_fail_the_run_name_the_cause_in_status_and_set_the_metric()
      throws Exception {
    f.roster.commit(
        RosterRepo.SETTINGS, "{\"permissions\": {\"deny\": [\n", TrustFixture.ADMIN, "oops");
    f.roster.commit(
        RosterRepo.PATH,
        ROSTER + "  zed: {authentik_user: zed, k8s_user: zed, tier: power-user}\n",
        TrustFixture.ADMIN,
        "roster: zed");
    Sandbox.Result run = f.ws("reconcile");
    assertEquals(1, run.code(), run.both());
    assertTrue(
        run.out().contains("error: managed settings refused, installed copy kept"), run.out());
    assertTrue(f.exists("zed"), "the rest of the run went on");
    assertEquals(TrustFixture.SETTINGS, f.installedSettings(), "the old policy stays in force");
    String prom = metrics();
    assertEquals(0, sample(prom, "workstation_last_run_success"), prom);
    assertEquals(1, sample(prom, "workstation_kept_back{input=\"managed_settings\"}"), prom);
    assertEquals(0, sample(prom, "workstation_kept_back{input=\"tier_validation\"}"), prom);

    Sandbox.Result status = f.ws("status");
    assertEquals(1, status.code(), status.both());
    assertTrue(status.out().contains("problem: kept back: managed settings refused"), status.out());
    assertTrue(
        status.out().contains("reconcile failed (exit 1): kept back: managed settings refused"),
        status.out());
    Map<String, Object> json = JsonReader.object("status", f.ws("--json", "status").out());
    assertTrue(
        json.get("problems").toString().contains("managed settings refused"), json.toString());
    Sandbox.Result plan = f.ws("plan");
    assertEquals(1, plan.code(), plan.both());
    assertFalse(plan.out().contains("Nothing to do."), plan.out());
    assertTrue(plan.out().contains("1 kept back"), plan.out());
  }

  /** onboard, park, unpark, offboard and destroy record their runs as reconcile does. */
  @Test
  void lifecycle_commands_record_their_runs_for_status_and_the_metrics() throws Exception {
    String[][] steps = {
      {"onboard", "zed", "--tier", "power-user", "--authentik-user", "zed", "--k8s-user", "zed"},
      {"park", "zed"},
      {"unpark", "zed"},
      {"offboard", "zed"},
      {"offboard", "zed", "--destroy", "--yes"}
    };
    String[] recorded = {
      "onboard zed", "park zed", "unpark zed", "offboard zed", "offboard zed --destroy"
    };
    for (int i = 0; i < steps.length; i++) {
      f.ws(steps[i]).ok();
      Map<String, Object> last =
          JsonReader.object(
              "last-run.json", box.exec("cat", "/var/lib/workstation/last-run.json").ok().out());
      assertEquals(recorded[i], last.get("command"), last.toString());
      assertEquals(0L, ((Number) last.get("exit")).longValue(), last.toString());
      Sandbox.Result status = f.ws("status");
      String shown = " " + recorded[i] + " ok";
      assertTrue(
          status.out().lines().anyMatch(l -> l.startsWith("last run: ") && l.contains(shown)),
          status.out());
      if (recorded[i].equals("offboard zed")) {
        assertEquals(1, sample(metrics(), "workstation_users_awaiting_destroy"), metrics());
      }
    }
    assertEquals(0, sample(metrics(), "workstation_users_awaiting_destroy"), metrics());
    assertEquals(1, sample(metrics(), "workstation_last_run_success"), metrics());
  }

  @Test
  void parking_a_parked_user_commits_nothing_and_status_columns_stay_aligned() throws Exception {
    f.ws("park", "emo", "--reason", "leave").ok();
    int commits = count();
    Sandbox.Result again = f.ws("park", "emo", "--reason", "again");
    assertEquals(0, again.code(), again.both());
    assertTrue(again.out().contains("emo is already parked"), again.out());
    assertEquals(commits, count(), "no commit for a change that changes nothing");

    List<String> rows =
        f.ws("status").out().lines().filter(l -> l.matches("^(USER|wizard|emo|pat) .*")).toList();
    assertEquals(4, rows.size(), rows.toString());
    int account = rows.get(0).indexOf("ACCOUNT");
    for (String row : rows.subList(1, rows.size())) {
      assertEquals(' ', row.charAt(account - 1), row);
      assertTrue(row.substring(account).startsWith("ok "), "ACCOUNT column misaligned: " + rows);
    }
  }

  int count() throws Exception {
    try (Git git = Git.open(f.roster.origin().toFile())) {
      int n = 0;
      for (var c : git.log().call()) {
        n++;
      }
      return n;
    }
  }
}
