package dev.workstation.reconcile;

import dev.workstation.plan.CodeFacts;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.roster.AccountSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Observes each user's home ({@code ~/code}, links, launcher, kubeconfig, git identity) through
 * their worker (as them: root reads nothing inside a home), in parallel across users.
 */
final class CodeObserver {
  private CodeObserver() {}

  @SuppressWarnings("unchecked")
  static Map<String, CodeFacts> observe(
      List<AccountSpec> users,
      Map<String, ObservedAccount> accounts,
      Path stateDir,
      int jobs,
      java.util.function.Function<AccountSpec, Map<String, Object>> extra,
      List<dev.workstation.plan.Note> notes) {
    Map<String, CodeFacts> out = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (AccountSpec u : users) {
        if (!accounts.containsKey(u.osUser())) {
          continue;
        }
        boolean journal = Files.exists(HostEffects.journalDir(stateDir).resolve(u.osUser()));
        futures.add(
            pool.submit(
                () -> {
                  try {
                    Map<String, Object> req = new java.util.LinkedHashMap<>(extra.apply(u));
                    req.put("op", "inspect");
                    req.put("repos", u.repos());
                    Object facts = HostEffects.callAs(u.osUser(), req);
                    out.put(u.osUser(), CodeFacts.fromWorker((Map<String, Object>) facts, journal));
                  } catch (Exception e) {
                    synchronized (notes) {
                      notes.add(
                          dev.workstation.plan.Note.warn(
                              u.osUser(), "cannot inspect ~/code: " + e.getMessage()));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new RunFailedException("observing homes failed: " + e.getMessage());
    } finally {
      pool.shutdownNow();
    }
    return out;
  }
}
