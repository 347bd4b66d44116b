package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.account.Accounts;
import dev.workstation.account.UidMap;
import dev.workstation.plan.Action;
import dev.workstation.plan.DeployLauncher;
import dev.workstation.plan.Effects;
import dev.workstation.plan.WorkerCall;
import dev.workstation.plan.WriteFile;
import dev.workstation.secrets.Secrets;
import dev.workstation.units.Units;
import dev.workstation.util.Deadline;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier's contract, with in-memory effects: per-user isolation, dependents skipped after a
 * failure, each user's lane bounded by their budget, and the machine-wide steps in their place.
 */
class ApplierTest {
  @TempDir Path dir;

  /** Records worker calls; "boom" fails; "hang" blocks until the lane's deadline. */
  static final class FakeEffects implements Effects {
    final List<String> calls;
    final Deadline deadline;

    FakeEffects(List<String> calls, Deadline deadline) {
      this.calls = calls;
      this.deadline = deadline;
    }

    @Override
    public Effects within(Deadline d) {
      return new FakeEffects(calls, d);
    }

    void work(String user, String content) throws Exception {
      if ("boom".equals(content)) {
        throw new IllegalStateException("boom for " + user);
      }
      if ("hang".equals(content)) {
        Thread.sleep(deadline.remaining().toMillis() + 10); // past it, as a killed worker is
        throw new java.io.IOException("worker for " + user + " timed out");
      }
    }

    @Override
    public WorkerCall worker() {
      return new WorkerCall() {
        @Override
        public <R extends WorkerReply> R call(String user, WorkerRequest<R> req) throws Exception {
          String content = ((WorkerRequest.Launcher) req).content();
          calls.add(user + ":" + content);
          work(user, content);
          return null; // the launcher's reply (Done) is not looked at
        }
      };
    }

    @Override
    public Accounts accounts() {
      throw new UnsupportedOperationException();
    }

    @Override
    public UidMap uids() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Units units() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Secrets secrets() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Path cutDir() {
      return Path.of("/nonexistent");
    }

    @Override
    public Path journalDir() {
      return Path.of("/nonexistent");
    }

    @Override
    public String fault() {
      return null;
    }
  }

  static DeployLauncher step(String user, String what, String... deps) {
    return new DeployLauncher(user, what, "absent", List.of(deps));
  }

  /** Reports in the order they were logged (which is the order things happened). */
  final List<ActionReport> logged = Collections.synchronizedList(new ArrayList<>());

  List<ActionReport> apply(List<Action> plan, Duration budget) {
    return Applier.apply(
        plan,
        new FakeEffects(
            Collections.synchronizedList(new ArrayList<>()), Deadline.in(Duration.ofMinutes(1))),
        logged::add,
        new Applier.Lanes(4, new UserBudgets(budget)));
  }

  static String results(List<ActionReport> rs) {
    StringBuilder b = new StringBuilder();
    for (ActionReport r : rs) {
      b.append(r.action().user()).append('=').append(r.outcome().result()).append(' ');
    }
    return b.toString().strip();
  }

  @Test
  void a_failure_skips_only_that_users_dependents_and_every_other_user_goes_on() {
    DeployLauncher aFirst = step("a", "boom");
    List<Action> plan =
        List.of(
            aFirst,
            new DeployLauncher("a", "after", "absent", List.of(aFirst.key())),
            step("b", "ok"),
            step("b", "ok2"));
    List<ActionReport> rs = apply(plan, Duration.ofMinutes(1));
    assertEquals("a=failed a=skipped b=applied b=applied", results(rs));
    assertTrue(
        ((Outcome.Skipped) rs.get(1).outcome()).reason().contains("deploy-launcher:a"),
        rs.get(1).toString());
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

  @Test
  void machine_wide_steps_before_the_users_run_first_and_the_maps_after_every_lane()
      throws Exception {
    Path settings = dir.resolve("settings.json");
    Path map = dir.resolve("map");
    List<Action> plan =
        List.of(
            new WriteFile("-", settings, "{}", "rw-r--r--", "managed settings"),
            step("a", "ok"),
            new WriteFile("-", map, "a=a\n", "rw-r--r--", "map"),
            step("b", "ok"));
    List<ActionReport> rs = apply(plan, Duration.ofMinutes(1));
    assertEquals("-=applied a=applied -=applied b=applied", results(rs), "reports in plan order");
    assertEquals(settings, ((WriteFile) logged.get(0).action()).path(), "settings first");
    assertEquals(map, ((WriteFile) logged.get(3).action()).path(), "the map after every lane");
    assertEquals("a=a\n", Files.readString(map));
  }
}
