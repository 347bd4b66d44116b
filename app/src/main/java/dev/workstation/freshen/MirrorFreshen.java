package dev.workstation.freshen;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitHttp;
import dev.workstation.git.MirrorStore;
import dev.workstation.git.RemoteUrl;
import dev.workstation.host.Nss;
import dev.workstation.util.Deadline;
import dev.workstation.worker.UserGit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Freshen with one fetch per remote per run (SPEC §6.3, §12), as root:
 *
 * <ol>
 *   <li>each user's clones and git credentials are read through the guarded home reader ({@link
 *       UserClones});
 *   <li>each user asks each remote for its refs <em>with the user's own credentials</em>, over the
 *       process's pooled connections — this both verifies the user's access in this run and shows
 *       which clones are already up to date (the {@code RefProbe} comparison);
 *   <li>a remote with something new is fetched once into root's mirror ({@link MirrorStore});
 *   <li>for each clone behind, root cuts a bundle of exactly the objects it lacks from the refs the
 *       user was just shown, hands it to the user in the staging area, and the user's own git
 *       fetches from it and fast-forwards when safe ({@link CloneUpdate}).
 * </ol>
 *
 * So a user never receives anything their own credentials could not read from the server in the
 * same run, root never writes into a home, and every change to a clone is made by its user. A user
 * whose clones are anything but the plain shape, or who fetches remotes the site does not mirror,
 * is left to their own worker ({@link Result#fallback}).
 */
public final class MirrorFreshen {
  /**
   * A user to freshen: the account, the remote URLs the site mirrors for them, and when all of this
   * run's work for them must be over ({@code limits.user_timeout}).
   */
  public record Target(
      String user, int uid, int gid, Path home, Set<URI> mirrored, Deadline deadline) {}

  /**
   * Outcomes of the users handled here, how long each took, and the users left to their workers.
   */
  public record Result(
      Map<String, List<Freshener.Outcome>> outcomes,
      Map<String, Duration> elapsed,
      List<Target> fallback) {}

  private final MirrorStore mirrors;
  private final Bundles bundles;
  private final Path stateDir;
  private final int jobs;
  private final Duration timeout;

  public MirrorFreshen(Path stateDir, int jobs, Duration timeout) {
    this.mirrors = new MirrorStore(stateDir);
    this.bundles = new Bundles(mirrors);
    this.stateDir = stateDir;
    this.jobs = Math.max(1, jobs);
    this.timeout = timeout;
  }

  public Result run(List<Target> targets) throws IOException {
    GitHttp.installForJGit();
    Map<String, List<Freshener.Outcome>> outcomes = new LinkedHashMap<>();
    Map<String, Duration> elapsed = new java.util.concurrent.ConcurrentHashMap<>();
    List<Target> fallback = new ArrayList<>();
    // one user (the session service): in this thread, no pool to start
    ExecutorService pool = targets.size() > 1 ? Executors.newFixedThreadPool(jobs, daemon()) : null;
    RemoteViews views = new RemoteViews(timeout);
    MirrorMemo memo = new MirrorMemo(mirrors);
    // every user's clones read and every remote asked, for everyone at once, before any git work:
    // the asks are round trips over one pooled connection, so all users wait one round trip
    Map<Target, CompletableFuture<Optional<Asked>>> asked = new LinkedHashMap<>();
    long started = System.nanoTime();
    for (Target t : targets) {
      asked.put(t, CompletableFuture.supplyAsync(() -> ask(t, views), ASKS));
    }
    try (Staging staging = Staging.open(stateDir)) {
      Map<Target, Future<Optional<List<Freshener.Outcome>>>> futures = new LinkedHashMap<>();
      for (Target t : targets) {
        java.util.concurrent.Callable<Optional<List<Freshener.Outcome>>> one =
            () -> {
              try {
                return asked.get(t).join().map(a -> freshenUser(t, a, staging, memo));
              } finally {
                elapsed.put(t.user(), Duration.ofNanos(System.nanoTime() - started));
              }
            };
        futures.put(t, pool != null ? pool.submit(one) : done(one));
      }
      for (Map.Entry<Target, Future<Optional<List<Freshener.Outcome>>>> e : futures.entrySet()) {
        Optional<List<Freshener.Outcome>> done;
        try {
          done = e.getValue().get();
        } catch (Exception ex) {
          done = Optional.empty();
        }
        if (done.isPresent()) {
          outcomes.put(e.getKey().user(), done.get());
        } else {
          fallback.add(e.getKey());
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new Result(outcomes, Map.copyOf(elapsed), fallback);
  }

  private static <T> Future<T> done(java.util.concurrent.Callable<T> work) {
    try {
      return CompletableFuture.completedFuture(work.call());
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A user's clones as root read them, and what each of their remotes is showing them. */
  private record Asked(UserClones clones, Map<URI, CompletableFuture<RemoteViews.View>> views) {}

  /**
   * The user's clones, and every remote of them asked at once with the user's credentials; empty
   * when their worker must do it.
   */
  private Optional<Asked> ask(Target t, RemoteViews views) {
    // the site's served remotes of this user asked as soon as their credentials are read, while
    // their clones are read: the home's reads then cost the session start no time
    Map<URI, CompletableFuture<RemoteViews.View>> asks =
        new java.util.concurrent.ConcurrentHashMap<>();
    return UserClones.read(
            t.user(),
            t.uid(),
            t.gid(),
            t.home(),
            t.mirrored(),
            creds -> {
              for (URI url : t.mirrored()) {
                if (!RemoteUrl.isLocal(url)) {
                  asks.put(url, CompletableFuture.supplyAsync(() -> views.view(url, creds), ASKS));
                }
              }
            })
        .map(
            u -> {
              List<URI> local = new ArrayList<>();
              for (UserClones.Clone c : u.clones()) {
                for (URI url : c.view().remotes().values()) {
                  if (RemoteUrl.isLocal(url) && !local.contains(url)) {
                    local.add(url);
                  }
                }
              }
              // each local repository asked by its own process of the user's, all at once: the
              // wall time of a session start is one ls-remote, not one per repository
              UserGit git = new UserGit(u.uid(), u.gid(), u.home(), timeout, t.deadline());
              List<String> groups = local.isEmpty() ? List.of() : Nss.groupsOf(u.user(), u.gid());
              for (URI url : local) {
                asks.put(
                    url,
                    CompletableFuture.supplyAsync(
                        () -> LocalViews.view(git, u.home(), url, u.uid(), groups), ASKS));
              }
              return new Asked(u, asks);
            });
  }

  /** One user's clones, once their remotes have answered. */
  private List<Freshener.Outcome> freshenUser(Target t, Asked a, Staging staging, MirrorMemo memo) {
    UserClones u = a.clones();
    UserGit git = new UserGit(u.uid(), u.gid(), u.home(), timeout, t.deadline());
    Map<URI, RemoteViews.View> seen = new LinkedHashMap<>();
    a.views().forEach((url, f) -> seen.put(url, f.join()));
    List<Freshener.Outcome> out = new ArrayList<>();
    for (UserClones.Clone c : u.clones()) {
      long start = System.nanoTime();
      FreshenOutcome outcome =
          t.deadline().expired()
              ? FreshenOutcome.TIMED_OUT
              : new CloneFreshen(memo, bundles, staging, timeout)
                  .run(u, c, new CloneUpdate(git, u.home().resolve(c.rel())), seen, t.deadline());
      out.add(new Freshener.Outcome(c.rel(), outcome, (System.nanoTime() - start) / 1_000_000));
    }
    return out;
  }

  private static final ExecutorService ASKS = Executors.newCachedThreadPool(daemon());

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "mirror-freshen");
      t.setDaemon(true);
      return t;
    };
  }
}
