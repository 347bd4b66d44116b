package dev.workstation.reconcile;

import dev.workstation.plan.CodeFacts;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.roster.AccountSpec;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Observes each user's home ({@code ~/code}, links, launcher, kubeconfig, git identity) through
 * their worker (as them: root reads nothing inside a home), {@code jobs} users at a time, each
 * within their budget. A home that cannot be observed (a FIFO where a file should be, a worker that
 * hangs) fails that user alone, with the reason.
 */
final class CodeObserver {
  private CodeObserver() {}

  /** Facts per observed user, and the users that could not be observed with why. */
  record Observed(Map<String, CodeFacts> facts, Map<String, String> failures) {}

  static Observed observe(
      java.util.List<AccountSpec> users,
      Map<String, ObservedAccount> accounts,
      Path stateDir,
      int jobs,
      UserBudgets budgets,
      java.util.List<String> worker,
      Function<AccountSpec, WorkerRequest.Inspect> inspect) {
    Map<String, CodeFacts> out = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
    try {
      var futures = new ArrayList<Future<?>>();
      for (AccountSpec u : users) {
        if (!accounts.containsKey(u.osUser())) {
          continue;
        }
        boolean journal = Files.exists(HostEffects.journalDir(stateDir).resolve(u.osUser()));
        futures.add(
            pool.submit(
                () -> {
                  long started = System.nanoTime();
                  try {
                    WorkerReply.Inspected facts =
                        HostEffects.callAs(
                            worker,
                            u.osUser(),
                            inspect.apply(u),
                            budgets.start(u.osUser()).remaining());
                    out.put(u.osUser(), CodeFacts.from(facts, journal));
                  } catch (Exception e) {
                    failures.put(u.osUser(), "cannot observe the home: " + e.getMessage());
                  } finally {
                    budgets.spent(u.osUser(), started);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(); // each worker call is bounded by its user's budget
      }
    } catch (Exception e) {
      throw new RunFailedException("observing homes failed: " + e.getMessage());
    } finally {
      pool.shutdownNow();
    }
    return new Observed(Map.copyOf(out), new TreeMap<>(failures));
  }
}
