package dev.workstation.freshen;

import dev.workstation.git.CloneView;
import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.GitHttp;
import dev.workstation.git.MirrorStore;
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
  private final Path stateDir;
  private final int jobs;
  private final Duration timeout;

  public MirrorFreshen(Path stateDir, int jobs, Duration timeout) {
    this.mirrors = new MirrorStore(stateDir);
    this.stateDir = stateDir;
    this.jobs = Math.max(1, jobs);
    this.timeout = timeout;
  }

  public Result run(List<Target> targets) throws IOException {
    GitHttp.installForJGit();
    Map<String, List<Freshener.Outcome>> outcomes = new LinkedHashMap<>();
    Map<String, Duration> elapsed = new java.util.concurrent.ConcurrentHashMap<>();
    List<Target> fallback = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(jobs, daemon());
    RemoteViews views = new RemoteViews(timeout);
    try (Staging staging = Staging.open(stateDir)) {
      Map<Target, Future<Optional<List<Freshener.Outcome>>>> futures = new LinkedHashMap<>();
      for (Target t : targets) {
        futures.put(
            t,
            pool.submit(
                () -> {
                  long started = System.nanoTime();
                  try {
                    return freshenUser(t, staging, views);
                  } finally {
                    elapsed.put(t.user(), Duration.ofNanos(System.nanoTime() - started));
                  }
                }));
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
      pool.shutdownNow();
    }
    return new Result(outcomes, Map.copyOf(elapsed), fallback);
  }

  /** One user's clones, or empty when their worker must do it. */
  private Optional<List<Freshener.Outcome>> freshenUser(
      Target t, Staging staging, RemoteViews views) {
    Optional<UserClones> read = UserClones.read(t.user(), t.uid(), t.gid(), t.home(), t.mirrored());
    if (read.isEmpty()) {
      return Optional.empty();
    }
    UserClones u = read.get();
    UserGit git = new UserGit(u.uid(), u.gid(), u.home(), timeout, t.deadline());
    Map<URI, RemoteViews.View> seen = viewsOf(u, views);
    List<Freshener.Outcome> out = new ArrayList<>();
    for (UserClones.Clone c : u.clones()) {
      long start = System.nanoTime();
      FreshenOutcome outcome =
          t.deadline().expired()
              ? FreshenOutcome.TIMED_OUT
              : freshenClone(u, c, git, seen, staging, t);
      out.add(new Freshener.Outcome(c.rel(), outcome, (System.nanoTime() - start) / 1_000_000));
    }
    return Optional.of(out);
  }

  /**
   * Every remote of the user's clones, asked at once (they share the pooled connection, so the user
   * waits one round trip, not one per remote).
   */
  private Map<URI, RemoteViews.View> viewsOf(UserClones u, RemoteViews views) {
    Map<URI, CompletableFuture<RemoteViews.View>> asks = new LinkedHashMap<>();
    for (UserClones.Clone c : u.clones()) {
      for (URI url : c.view().remotes().values()) {
        asks.computeIfAbsent(
            url, k -> CompletableFuture.supplyAsync(() -> views.view(k, u.creds()), ASKS));
      }
    }
    Map<URI, RemoteViews.View> out = new LinkedHashMap<>();
    asks.forEach((url, f) -> out.put(url, f.join()));
    return out;
  }

  private static final ExecutorService ASKS = Executors.newCachedThreadPool(daemon());

  private FreshenOutcome freshenClone(
      UserClones u,
      UserClones.Clone c,
      UserGit git,
      Map<URI, RemoteViews.View> seen,
      Staging staging,
      Target t) {
    CloneView v = c.view();
    Path dir = u.home().resolve(c.rel());
    CloneUpdate update = new CloneUpdate(git, dir);
    // remotes with something new, grouped by what they show: two remotes of the same repository
    // (infra's clone and push URLs) are taken from one bundle in one fetch
    Map<Map<String, String>, List<String>> stale = new LinkedHashMap<>();
    for (Map.Entry<String, URI> remote : v.remotes().entrySet()) {
      RemoteViews.View a = seen.get(remote.getValue());
      if (a.failure() != null) {
        return a.failure().equals("timed-out")
            ? FreshenOutcome.TIMED_OUT
            : FreshenOutcome.fetchFailed(remote.getKey() + ": " + a.failure());
      }
      if (!v.matches(remote.getKey(), a.refs())) {
        stale.computeIfAbsent(a.refs(), k -> new ArrayList<>()).add(remote.getKey());
      }
    }
    for (Map.Entry<Map<String, String>, List<String>> group : stale.entrySet()) {
      URI url = v.remotes().get(group.getValue().get(0));
      try {
        mirrors.ensure(url, group.getKey(), u.creds(), t.deadline().cap(timeout));
        List<String> haves = new ArrayList<>(new java.util.LinkedHashSet<>(v.ids().values()));
        Path bundle = staging.write(u.user(), o -> mirrors.bundle(url, group.getKey(), haves, o));
        FreshenOutcome failed = update.fetch(group.getValue(), bundle);
        if (failed != null) {
          return failed;
        }
      } catch (IOException e) {
        return FreshenOutcome.fetchFailed(
            group.getValue().get(0) + ": " + Freshener.shortReason(e));
      }
    }
    String local = v.local();
    RemoteViews.View up = seen.get(v.remotes().get(v.upstreamRemote()));
    String upstream = up.refs().get("refs/heads/" + v.upstreamBranch());
    if (local == null || upstream == null) {
      return FreshenOutcome.NO_UPSTREAM;
    }
    try {
      Integer behind =
          mirrorsBehind(
              v.remotes().get(v.upstreamRemote()), local, upstream, up, u.creds(), t.deadline());
      if (behind == null) {
        Boolean ahead = update.isAncestor(upstream, local);
        return ahead == null
            ? FreshenOutcome.fetchFailed("merge-base")
            : ahead ? FreshenOutcome.UP_TO_DATE : FreshenOutcome.DIVERGED;
      }
      if (behind == 0) {
        return FreshenOutcome.UP_TO_DATE;
      }
      if (behind < 0) {
        return FreshenOutcome.DIVERGED;
      }
      return update.fastForward(upstream, behind);
    } catch (IOException e) {
      return FreshenOutcome.fetchFailed(Freshener.shortReason(e));
    }
  }

  /** {@link MirrorStore#behind}, making sure the mirror knows the upstream commit first. */
  private Integer mirrorsBehind(
      URI url,
      String local,
      String upstream,
      RemoteViews.View up,
      GitCredentials creds,
      Deadline deadline)
      throws IOException {
    if (local.equals(upstream)) {
      return 0;
    }
    mirrors.ensure(
        url, up.refs(), creds, deadline.cap(timeout)); // nothing fetched when it already holds them
    return mirrors.behind(url, local, upstream);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "mirror-freshen");
      t.setDaemon(true);
      return t;
    };
  }
}
