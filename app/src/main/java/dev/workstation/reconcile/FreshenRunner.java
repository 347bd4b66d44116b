package dev.workstation.reconcile;

import dev.workstation.freshen.MirrorFreshen;
import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import dev.workstation.host.Nss;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hourly freshen, as root. Users whose clones fetch only the site's own remotes go through
 * {@link MirrorFreshen} (each remote fetched once into root's mirror, each user's access checked
 * with their own credentials, clones updated by their users from bundles); anyone else gets one
 * worker (as that user, with their own credentials). Users go in parallel up to {@code
 * freshen.jobs}; each repo is bounded by {@code freshen.timeout}, and all of a user's work by what
 * is left of their budget ({@code limits.user_timeout}).
 */
public final class FreshenRunner {
  static final int REPOS_PER_USER = 4;

  private FreshenRunner() {}

  /** The remotes root mirrors for {@code user}'s clones (see {@link SiteRemotes}). */
  public static Set<URI> siteRemotes(SiteConfig site, AccountSpec user) {
    return SiteRemotes.of(site, user);
  }

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

  static List<FreshenReport> run(
      List<AccountSpec> users, SiteConfig site, UserBudgets budgets, Progress progress) {
    List<AccountSpec> eligible = new ArrayList<>();
    List<MirrorFreshen.Target> targets = new ArrayList<>();
    for (AccountSpec u : users) {
      Optional<Nss.PasswdEntry> pw =
          u.tier() == Tier.ADMIN ? Optional.empty() : Nss.user(u.osUser());
      if (pw.isPresent()) {
        eligible.add(u);
        targets.add(
            new MirrorFreshen.Target(
                u.osUser(),
                pw.get().uid(),
                pw.get().gid(),
                Path.of(pw.get().home()),
                SiteRemotes.of(site, u),
                budgets.start(u.osUser())));
      }
    }
    progress.begin("freshen", eligible.size());
    List<FreshenReport> all = new ArrayList<>();
    List<AccountSpec> viaWorkers = eligible;
    try {
      MirrorFreshen.Result r =
          new MirrorFreshen(site.stateDir(), site.freshen().jobs(), site.freshen().timeout())
              .run(targets);
      r.outcomes()
          .forEach(
              (user, list) ->
                  list.forEach(
                      o -> all.add(new FreshenReport(user, o.repo(), o.outcome(), o.millis()))));
      r.elapsed().forEach((user, d) -> budgets.spent(user, System.nanoTime() - d.toNanos()));
      List<String> left = r.fallback().stream().map(MirrorFreshen.Target::user).toList();
      viaWorkers = eligible.stream().filter(u -> left.contains(u.osUser())).toList();
      eligible.stream()
          .map(AccountSpec::osUser)
          .filter(u -> !left.contains(u))
          .forEach(progress::done);
    } catch (IOException | RuntimeException e) {
      // no staging area (read-only state dir …): every user's own worker fetches, as before
    }
    all.addAll(viaWorkers(viaWorkers, site, budgets, progress));
    return all;
  }

  static List<FreshenReport> viaWorkers(
      List<AccountSpec> users, SiteConfig site, UserBudgets budgets, Progress progress) {
    if (users.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, site.freshen().jobs()));
    try {
      List<Future<List<FreshenReport>>> futures = new ArrayList<>();
      for (AccountSpec u : users) {
        futures.add(
            pool.submit(
                () -> {
                  List<FreshenReport> out = new ArrayList<>();
                  long started = System.nanoTime();
                  try {
                    WorkerReply.Freshened result =
                        HostEffects.callAs(
                            u.osUser(),
                            new WorkerRequest.Freshen(
                                REPOS_PER_USER, site.freshen().timeout().toMillis()),
                            budgets.start(u.osUser()).remaining());
                    for (Freshener.Outcome o : result.outcomes()) {
                      out.add(new FreshenReport(u.osUser(), o.repo(), o.outcome(), o.millis()));
                    }
                  } catch (Exception e) {
                    out.add(
                        FreshenReport.wholeUser(
                            u.osUser(),
                            FreshenOutcome.fetchFailed(String.valueOf(e.getMessage()))));
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
