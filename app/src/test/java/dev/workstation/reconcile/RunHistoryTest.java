package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.plan.CreateAccount;
import dev.workstation.plan.Plan;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
  @TempDir Path state;

  static AccountSpec account(String user) {
    return new AccountSpec(
        user,
        Tier.POWER_USER,
        "/bin/bash",
        true,
        List.of(),
        CodeLayout.SINGLE,
        List.of(),
        List.of(),
        false,
        true,
        user,
        user);
  }

  static Reconciler.Result result(Outcome emo) {
    return new Reconciler.Result(
        "commit abc",
        new Plan(List.of(), List.of()),
        List.of(),
        List.of(
            new ActionReport(
                new CreateAccount("emo", "/bin/bash", Path.of("/home/emo"), 20000), emo, 1)),
        List.of(),
        List.of(account("emo"), account("pat")),
        Map.of(),
        new DesiredState(new TreeMap<>(), Map.of(), "", "", Map.of()),
        10,
        new SourceReport(
            SourceReport.Trust.VERIFIED, Optional.empty(), List.of(), Optional.empty()),
        dev.workstation.plan.ObservedFixtures.nothing());
  }

  @Test
  void a_user_failing_run_after_run_is_counted_and_a_success_resets_the_count() throws Exception {
    Optional<RunHistory> h = Optional.empty();
    for (int run = 1; run <= 3; run++) {
      h = Optional.of(RunHistory.after(h, result(new Outcome.Failed("disk full")), 1, run));
      h.get().write(state);
      h = RunHistory.read(state);
    }
    assertEquals(3, h.get().users().get("emo").failedRuns());
    assertEquals(List.of("create-account: disk full"), h.get().users().get("emo").failures());
    assertEquals(0, h.get().users().get("pat").failedRuns());
    assertEquals(0, h.get().lastSuccess(), "no run has succeeded yet");
    RunHistory ok = RunHistory.after(h, result(new Outcome.Applied()), 0, 4);
    assertEquals(0, ok.users().get("emo").failedRuns());
    assertEquals(4, ok.lastSuccess());
  }

  @Test
  void a_run_that_stopped_before_planning_keeps_everyones_record_and_the_last_success() {
    RunHistory ok =
        RunHistory.after(Optional.empty(), result(new Outcome.Deferred("no access")), 0, 5);
    RunHistory stopped = RunHistory.stopped(Optional.of(ok), "invalid input: roster.yaml:3", 3, 9);
    assertEquals(5, stopped.lastSuccess());
    assertEquals(3, stopped.exit());
    assertTrue(stopped.problem().orElseThrow().startsWith("invalid input"));
    assertEquals(List.of("no access"), stopped.users().get("emo").deferred());
  }

  @Test
  void a_long_failure_reason_round_trips_and_a_file_of_the_wrong_shape_is_no_history()
      throws Exception {
    String reason = "x".repeat(10_000);
    RunHistory.after(Optional.empty(), result(new Outcome.Failed(reason)), 1, 7).write(state);
    assertEquals(
        List.of("create-account: " + reason),
        RunHistory.read(state).orElseThrow().users().get("emo").failures());

    Path file = state.resolve("last-run.json");
    String good = Files.readString(file);
    for (String bad :
        List.of(
            good.replace("\"exit\": 1", "\"exit\": \"1\""),
            good.replace("\"failed_runs\": 1", "\"failed_runs\": -1"),
            good.replace("\"roster\"", "\"extra\": 1, \"roster\""),
            "[]")) {
      assertNotEquals(good, bad);
      Files.writeString(file, bad);
      assertEquals(Optional.empty(), RunHistory.read(state), bad);
    }
  }

  @Test
  void a_lifecycle_command_and_a_kept_back_input_are_recorded_and_read_back() throws Exception {
    Reconciler.Result r = result(new Outcome.Applied());
    Reconciler.Result kept =
        new Reconciler.Result(
            r.rosterOrigin(),
            r.plan(),
            List.of(
                dev.workstation.plan.Note.keptBack(
                    dev.workstation.plan.Note.KeptBack.MANAGED_SETTINGS,
                    "managed settings refused, installed copy kept: not JSON")),
            r.reports(),
            r.freshened(),
            r.accounts(),
            r.failedUsers(),
            r.desired(),
            r.millis(),
            r.source(),
            r.observed());
    assertTrue(!kept.ok() && r.ok(), "a kept-back input fails the run");
    RunHistory.after(Optional.empty(), "onboard zed", kept, 1, 7).write(state);
    RunHistory h = RunHistory.read(state).orElseThrow();
    assertEquals("onboard zed", h.command());
    assertEquals(
        Optional.of("kept back: managed settings refused, installed copy kept: not JSON"),
        h.problem());

    RunHistory gone = RunHistory.without(Optional.of(h), "offboard emo --destroy", "emo", 0, 8);
    assertEquals(8, gone.lastSuccess());
    assertEquals(List.of("pat"), List.copyOf(gone.users().keySet()));

    // a file written before runs named their command reads as a reconcile's
    Path file = state.resolve("last-run.json");
    Files.writeString(
        file, Files.readString(file).replace("  \"command\": \"onboard zed\",\n", ""));
    assertEquals(RunHistory.RECONCILE, RunHistory.read(state).orElseThrow().command());
  }

  @Test
  void a_run_for_one_user_keeps_everyone_elses_record() throws Exception {
    Optional<RunHistory> h =
        Optional.of(RunHistory.after(Optional.empty(), result(new Outcome.Failed("x")), 1, 1));
    Reconciler.Result all = result(new Outcome.Applied());
    TreeMap<String, AccountSpec> roster = new TreeMap<>();
    roster.put("emo", account("emo"));
    roster.put("pat", account("pat"));
    Reconciler.Result patOnly =
        new Reconciler.Result(
            all.rosterOrigin(),
            all.plan(),
            all.notes(),
            List.of(),
            all.freshened(),
            List.of(account("pat")),
            all.failedUsers(),
            new DesiredState(roster, Map.of(), "", "", Map.of()),
            all.millis(),
            all.source(),
            dev.workstation.plan.ObservedFixtures.nothing());
    RunHistory after = RunHistory.after(h, "park pat", patOnly, 0, 2);
    assertEquals(1, after.users().get("emo").failedRuns(), "emo's record stays as it was");
    assertEquals(0, after.users().get("pat").failedRuns());
  }
}
