package dev.workstation.reconcile;

import dev.workstation.host.Nss;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hourly freshen, as root: one worker per user (as that user, with their own credentials),
 * users in parallel up to {@code freshen.jobs}; inside a worker the user's repos go in parallel
 * too, each bounded by {@code freshen.timeout}, and the whole worker by what is left of the user's
 * budget ({@code limits.user_timeout}).
 */
public final class FreshenRunner {
  static final int REPOS_PER_USER = 4;

  private FreshenRunner() {}

  @SuppressWarnings("unchecked")
  public static List<FreshenReport> run(List<AccountSpec> users, SiteConfig site) {
    return run(users, site, Progress.NONE);
  }

  /** As {@link #run(List, SiteConfig)}, saying each user done to {@code progress}. */
  public static List<FreshenReport> run(
      List<AccountSpec> users, SiteConfig site, Progress progress) {
    return run(users, site, new UserBudgets(site.limits().userTimeout()), progress);
  }

  static List<FreshenReport> run(List<AccountSpec> users, SiteConfig site, UserBudgets budgets) {
    return run(users, site, budgets, Progress.NONE);
  }

  @SuppressWarnings("unchecked")
  static List<FreshenReport> run(
      List<AccountSpec> users, SiteConfig site, UserBudgets budgets, Progress progress) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, site.freshen().jobs()));
    try {
      List<Future<List<FreshenReport>>> futures = new ArrayList<>();
      List<AccountSpec> freshened =
          users.stream()
              .filter(u -> u.tier() != Tier.ADMIN && Nss.user(u.osUser()).isPresent())
              .toList();
      progress.begin("freshen", freshened.size());
      for (AccountSpec u : freshened) {
        futures.add(
            pool.submit(
                () -> {
                  List<FreshenReport> out = new ArrayList<>();
                  long started = System.nanoTime();
                  try {
                    Object result =
                        HostEffects.callAs(
                            u.osUser(),
                            Map.of(
                                "op",
                                "freshen",
                                "jobs",
                                (long) REPOS_PER_USER,
                                "timeout_ms",
                                site.freshen().timeout().toMillis()),
                            budgets.start(u.osUser()).remaining());
                    for (Object o : (List<Object>) result) {
                      Map<String, Object> m = (Map<String, Object>) o;
                      out.add(
                          new FreshenReport(
                              u.osUser(),
                              (String) m.get("repo"),
                              (String) m.get("outcome"),
                              ((Number) m.get("ms")).longValue()));
                    }
                  } catch (Exception e) {
                    out.add(
                        new FreshenReport(
                            u.osUser(), "*", "fetch-failed(" + e.getMessage() + ")", 0));
                  } finally {
                    budgets.spent(u.osUser(), started);
                    progress.done(u.osUser());
                  }
                  return out;
                }));
      }
      List<FreshenReport> all = new ArrayList<>();
      for (Future<List<FreshenReport>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } catch (Exception e) {
      throw new RunFailedException("freshen failed: " + e.getMessage());
    } finally {
      pool.shutdownNow();
    }
  }
}
