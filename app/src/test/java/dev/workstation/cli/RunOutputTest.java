package dev.workstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.plan.Action;
import dev.workstation.plan.CloneRepo;
import dev.workstation.plan.CreateAccount;
import dev.workstation.plan.CutUser;
import dev.workstation.plan.EnableUnit;
import dev.workstation.plan.Owner;
import dev.workstation.plan.Plan;
import dev.workstation.plan.WriteFile;
import dev.workstation.reconcile.ActionReport;
import dev.workstation.reconcile.Outcome;
import dev.workstation.reconcile.Reconciler;
import dev.workstation.reconcile.SourceReport;
import dev.workstation.roster.DesiredState;
import dev.workstation.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunOutputTest {

  static final List<Action> ACTIONS =
      List.of(
          new CreateAccount("zed", "/bin/bash", Path.of("/home/zed"), 20000),
          new CloneRepo("zed", "tripit", "https://f/tripit.git", "forgejo", "master", List.of()),
          new WriteFile(
              Owner.AFTER_USERS, Path.of("/etc/ttyd-user-map"), "x\n", "rw-r--r--", "login map"),
          new WriteFile(
              Owner.AFTER_USERS, Path.of("/etc/ttyd-admins"), "y\n", "rw-r--r--", "admins"),
          new EnableUnit("zed", "t3-serve@zed.service"),
          new CutUser("emo", List.of()));

  static Reconciler.Result result(List<Action> actions) {
    return new Reconciler.Result(
        "commit abc",
        new Plan(actions, List.of()),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        new DesiredState(new TreeMap<>(), Map.of(), "", "", Map.of()),
        10,
        new SourceReport(
            SourceReport.Trust.VERIFIED, Optional.empty(), List.of(), Optional.empty()),
        dev.workstation.plan.ObservedFixtures.nothing());
  }

  @Test
  void plan_ends_with_a_summary_of_what_it_creates_changes_and_cuts_by_kind() {
    StringWriter out = new StringWriter();
    RunOutput.printPlan(new PrintWriter(out, true), result(ACTIONS));
    String[] lines = out.toString().split("\n");
    assertEquals(
        "Plan: 2 to create, 3 to change, 1 to cut (clone-repo 1, create-account 1, cut-user 1,"
            + " enable-unit 1, write-file 2).",
        lines[lines.length - 2],
        out.toString());
    assertEquals("6 changes pending.", lines[lines.length - 1]);
    String json = Json.write(RunOutput.json(result(ACTIONS)));
    assertTrue(
        json.contains("\"summary\": {\n    \"create\": 2,\n    \"change\": 3,\n    \"cut\": 1,"),
        json);
  }

  @Test
  void a_plan_with_nothing_to_do_has_no_summary_line() {
    StringWriter out = new StringWriter();
    RunOutput.printPlan(new PrintWriter(out, true), result(List.of()));
    assertEquals("roster: commit abc\nNothing to do.\n", out.toString());
  }

  @Test
  void an_action_line_names_the_file_unit_or_repo_it_is_about() {
    assertEquals(
        "user=- action=write-file path=/etc/ttyd-user-map result=applied ms=3",
        new ActionReport(ACTIONS.get(2), new Outcome.Applied(), 3).logLine());
    assertEquals(
        "user=zed action=enable-unit unit=t3-serve@zed.service result=applied ms=3",
        new ActionReport(ACTIONS.get(4), new Outcome.Applied(), 3).logLine());
    assertEquals(
        "user=zed action=clone-repo repo=tripit result=applied ms=3",
        new ActionReport(ACTIONS.get(1), new Outcome.Applied(), 3).logLine());
    assertEquals(
        "user=zed action=create-account result=applied ms=3",
        new ActionReport(ACTIONS.get(0), new Outcome.Applied(), 3).logLine());
  }
}
