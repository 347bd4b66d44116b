package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.config.MarkedFile;
import dev.workstation.plan.Action;
import dev.workstation.plan.ActionKey;
import dev.workstation.plan.CreateAccount;
import dev.workstation.plan.DeployLauncher;
import dev.workstation.plan.InMemoryEffects;
import dev.workstation.plan.Owner;
import dev.workstation.plan.WriteFile;
import dev.workstation.plan.WriteGitCredentials;
import dev.workstation.secrets.Secrets;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The applier's contract, with the in-memory ports: per-user isolation, dependents skipped after a
 * failure, deferred apart from failed, each user's lane bounded by their budget, and the
 * machine-wide steps in their place.
 */
class ApplierTest {

  /** The worker fails on "boom" and hangs past the lane's deadline on "hang". */
  final InMemoryEffects fx =
      new InMemoryEffects()
          .worker(
              (user, req, deadline) -> {
                String content = req instanceof WorkerRequest.Launcher l ? l.content() : "";
                if ("boom".equals(content)) {
                  throw new IllegalStateException("boom for " + user);
                }
                if ("hang".equals(content)) {
                  Thread.sleep(deadline.remaining().toMillis() + 10); // as a killed worker is
                  throw new java.io.IOException("worker for " + user + " timed out");
                }
                return new WorkerReply.Done();
              });

  static DeployLauncher step(String user, String what, ActionKey... deps) {
    return new DeployLauncher(user, what, MarkedFile.State.ABSENT, List.of(deps));
  }

  /** A user's slice drop-in: a unit file in their lane. */
  static WriteFile dropIn(String user, int uid) {
    return new WriteFile(
        Owner.user(user),
        Path.of("/etc/systemd/system/user-" + uid + ".slice.d/50-workstation.conf"),
        "[Slice]\n",
        "rw-r--r--",
        "cap");
  }

  /** A machine-wide step that runs before every lane. */
  static WriteFile before(String path) {
    return new WriteFile(Owner.BEFORE_USERS, Path.of(path), "x\n", "rw-r--r--", "test");
  }

  /** A machine-wide step that runs after every lane. */
  static WriteFile after(String path) {
    return new WriteFile(Owner.AFTER_USERS, Path.of(path), "x\n", "rw-r--r--", "test");
  }

  static WriteGitCredentials credentials(String user, String vaultPath) {
    return new WriteGitCredentials(
        user, "https", "forgejo", user, "kv", vaultPath, "token", List.of());
  }

  /** Reports in the order they were logged (which is the order things happened). */
  final List<ActionReport> logged = Collections.synchronizedList(new ArrayList<>());

  List<ActionReport> apply(List<Action> plan, Duration budget) {
    return Applier.apply(plan, fx, logged::add, new Applier.Lanes(4, new UserBudgets(budget)));
  }

  List<ActionReport> apply(List<Action> plan) {
    return apply(plan, Duration.ofMinutes(1));
  }

  static String results(List<ActionReport> rs) {
    StringBuilder b = new StringBuilder();
    for (ActionReport r : rs) {
      b.append(r.action().owner().label()).append('=').append(r.outcome().result()).append(' ');
    }
    return b.toString().strip();
  }

  @Test
  void a_failure_skips_only_that_users_dependents_and_every_other_user_goes_on() {
    DeployLauncher aFirst = step("a", "boom");
    List<Action> plan =
        List.of(
            aFirst,
            new DeployLauncher("a", "after", MarkedFile.State.ABSENT, List.of(aFirst.key())),
            step("b", "ok"),
            step("b", "ok2"));
    List<ActionReport> rs = apply(plan);
    assertEquals("a=failed a=skipped b=applied b=applied", results(rs));
    assertTrue(
        ((Outcome.Skipped) rs.get(1).outcome()).reason().contains("deploy-launcher:a"),
        rs.get(1).toString());
  }

  @Test
  void a_user_whose_account_cannot_be_created_gets_none_of_their_home_actions() {
    fx.accountFailures.put("create emo", "useradd failed (exit 9)");
    List<Action> plan =
        List.of(
            new CreateAccount("emo", "/bin/bash", Path.of("/home/emo"), 1001),
            step("emo", "launcher", ActionKey.createAccount("emo")),
            new CreateAccount("kai", "/bin/bash", Path.of("/home/kai"), 1002),
            step("kai", "launcher", ActionKey.createAccount("kai")));
    List<ActionReport> rs = apply(plan);
    assertEquals("emo=failed emo=skipped kai=applied kai=applied", results(rs));
    assertEquals(
        "depends on create-account:emo, which did not apply",
        ((Outcome.Skipped) rs.get(1).outcome()).reason());
    assertTrue(fx.log.contains("worker kai launcher"), fx.log.toString());
    assertTrue(fx.log.stream().noneMatch(l -> l.startsWith("worker emo")), fx.log.toString());
  }

  @Test
  void a_secret_not_in_vault_yet_is_deferred_while_a_refused_one_fails() {
    fx.secretFailures.put(
        "users/kai", new Secrets.SecretsException("vault refused: permission denied", false));
    List<ActionReport> rs =
        apply(List.of(credentials("emo", "users/emo"), credentials("kai", "users/kai")));
    assertEquals("emo=deferred kai=failed", results(rs));
    assertTrue(rs.get(0).outcome() instanceof Outcome.Deferred, rs.get(0).toString());
    assertTrue(rs.get(1).outcome() instanceof Outcome.Failed, rs.get(1).toString());
  }

  @Test
  void a_deferred_action_still_holds_back_what_depends_on_it() {
    WriteGitCredentials creds = credentials("emo", "users/emo");
    List<ActionReport> rs =
        apply(
            List.of(
                creds,
                new DeployLauncher("emo", "after", MarkedFile.State.ABSENT, List.of(creds.key()))));
    assertEquals("emo=deferred emo=skipped", results(rs));
  }

  @Test
  void each_users_actions_run_in_plan_order() {
    apply(List.of(step("a", "1"), step("b", "1"), step("a", "2"), step("a", "3")));
    List<String> aCalls = new ArrayList<>();
    for (ActionReport r : logged) {
      if (r.action().owner().is("a")) {
        aCalls.add(((DeployLauncher) r.action()).content());
      }
    }
    assertEquals(List.of("1", "2", "3"), aCalls);
  }

  @Test
  void a_user_who_hangs_is_cut_off_at_the_budget_while_the_others_finish_at_once() {
    List<Action> plan =
        List.of(step("h", "hang"), step("h", "never-reached"), step("b", "ok"), step("c", "ok"));
    long start = System.nanoTime();
    List<ActionReport> rs = apply(plan, Duration.ofMillis(700));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals("h=failed h=skipped b=applied c=applied", results(rs));
    assertTrue(rs.get(2).millis() < 500, "b waited for h: " + rs.get(2));
    assertTrue(ms < 3000, "the run took " + ms + " ms for a 700 ms budget");
    assertTrue(((Outcome.Skipped) rs.get(1).outcome()).reason().contains("user_timeout"));
  }

  /**
   * A lane left behind (a root-side step stuck past the budget and its margin) is reported as
   * skipped, and what it does when it finally ends changes neither the returned reports nor the
   * log: each action is reported once.
   */
  @Test
  void a_lane_left_behind_never_writes_the_reports_it_was_given_up_on() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch laneEnded = new java.util.concurrent.CountDownLatch(1);
    InMemoryEffects stuck =
        new InMemoryEffects()
            .worker(
                (user, req, deadline) -> {
                  while (true) { // a root-side step that ignores interrupts
                    try {
                      release.await();
                      return new WorkerReply.Done();
                    } catch (InterruptedException ignored) {
                      // keep waiting, as a stuck system call would
                    }
                  }
                });
    Progress watch =
        new Progress() {
          @Override
          public void begin(String phase, int users) {}

          @Override
          public void done(String user) {
            laneEnded.countDown();
          }
        };
    List<ActionReport> rs =
        Applier.apply(
            List.of(step("h", "stuck"), step("h", "next")),
            stuck,
            logged::add,
            new Applier.Lanes(1, new UserBudgets(Duration.ofMillis(50)), watch, Duration.ZERO));
    String given = results(rs);
    assertEquals("h=skipped h=skipped", given);
    release.countDown();
    laneEnded.await();
    assertEquals(given, results(rs), "the lane changed the reports after apply returned");
    assertEquals(2, logged.size(), "each action is logged once: " + logged);
  }

  @Test
  void machine_wide_steps_run_by_their_phase_wherever_they_sit_in_the_plan() {
    List<Action> plan =
        List.of(after("/etc/map"), step("a", "ok"), before("/etc/settings.json"), step("b", "ok"));
    List<ActionReport> rs = apply(plan);
    assertEquals("-=applied a=applied -=applied b=applied", results(rs), "reports in plan order");
    assertEquals("write /etc/settings.json", fx.log.get(0), "settings first: " + fx.log);
    assertEquals("write /etc/map", fx.log.get(fx.log.size() - 1), "the map last: " + fx.log);
    assertEquals("x\n", fx.files.get(Path.of("/etc/map")));
  }

  @Test
  void one_reload_runs_after_every_lanes_unit_file_changes() {
    List<Action> writes = List.of(dropIn("a", 1001), step("b", "ok"), dropIn("b", 1002));
    List<Action> plan = new ArrayList<>(writes);
    plan.addAll(dev.workstation.plan.ReloadUnits.after(writes));
    apply(plan);
    assertEquals("daemon-reload", fx.log.get(fx.log.size() - 1), fx.log.toString());
    assertEquals(1, fx.log.stream().filter("daemon-reload"::equals).count(), fx.log.toString());
  }

  @Test
  void a_failed_machine_wide_step_skips_the_user_steps_that_depend_on_it_and_no_other() {
    fx.directories.add(Path.of("/etc/skel/start-claude.sh")); // a directory where the file goes
    WriteFile skel = before("/etc/skel/start-claude.sh");
    List<ActionReport> rs =
        apply(List.of(skel, step("a", "needs-skel", skel.key()), step("b", "ok")));
    assertEquals("-=failed a=skipped b=applied", results(rs));
  }
}
