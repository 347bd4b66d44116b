package dev.workstation.freshen;

import dev.workstation.git.CloneView;
import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import dev.workstation.git.RemoteUrl;
import dev.workstation.util.Deadline;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One clone of the mirrored freshen, once its remotes have shown the user their refs: decide what
 * it must take (a bundle from root's mirror per remote that moved, or — for local repositories —
 * its own fetch), whether its branch is behind (against the mirror, or decided by the clone), and
 * have the user's git do it ({@link CloneUpdate}), in one process in the common case.
 */
final class CloneFreshen {
  private final MirrorMemo mirrors;
  private final Bundles bundles;
  private final Staging staging;
  private final Duration timeout;

  CloneFreshen(MirrorMemo mirrors, Bundles bundles, Staging staging, Duration timeout) {
    this.mirrors = mirrors;
    this.bundles = bundles;
    this.staging = staging;
    this.timeout = timeout;
  }

  /** What the clone's remotes show and what it takes; or the outcome when it cannot go on. */
  private record Plan(List<CloneUpdate.Take> takes, String upstream, Integer behind) {}

  FreshenOutcome run(
      UserClones u,
      UserClones.Clone c,
      CloneUpdate update,
      Map<URI, RemoteViews.View> seen,
      Deadline deadline) {
    CloneView v = c.view();
    Map<Map<String, String>, List<String>> stale = new LinkedHashMap<>();
    for (Map.Entry<String, URI> remote : v.remotes().entrySet()) {
      RemoteViews.View a = seen.get(remote.getValue());
      if (a.failure() != null) {
        return a.failure().equals("timed-out")
            ? FreshenOutcome.TIMED_OUT
            : FreshenOutcome.fetchFailed(remote.getKey() + ": " + a.failure());
      }
      if (!v.matches(remote.getKey(), a.refs())) {
        // grouped by what they show: infra's clone and push URLs are taken in one fetch
        stale.computeIfAbsent(a.refs(), k -> new ArrayList<>()).add(remote.getKey());
      }
    }
    Plan plan;
    try {
      plan = plan(u, v, seen, stale, deadline);
    } catch (IOException e) {
      return FreshenOutcome.fetchFailed(Freshener.shortReason(e));
    }
    String local = v.local();
    if (local == null || plan.upstream() == null) {
      return takeAll(update, plan.takes(), FreshenOutcome.NO_UPSTREAM);
    }
    Integer behind = plan.behind();
    if (local.equals(plan.upstream()) || (behind != null && behind <= 0)) {
      return takeAll(
          update,
          plan.takes(),
          behind != null && behind < 0 ? FreshenOutcome.DIVERGED : FreshenOutcome.UP_TO_DATE);
    }
    // the common case in one process as the user: the one take, then the fast-forward (a count
    // from root's mirror, or — behind null — decided by the clone)
    List<CloneUpdate.Take> takes = plan.takes();
    FreshenOutcome failed =
        takeAll(update, takes.size() > 1 ? takes.subList(0, takes.size() - 1) : List.of(), null);
    if (failed != null) {
      return failed;
    }
    CloneUpdate.Take last =
        takes.isEmpty() ? new CloneUpdate.Nothing() : takes.get(takes.size() - 1);
    return update.update(last, plan.upstream(), behind);
  }

  private Plan plan(
      UserClones u,
      CloneView v,
      Map<URI, RemoteViews.View> seen,
      Map<Map<String, String>, List<String>> stale,
      Deadline deadline)
      throws IOException {
    URI upstreamUrl = v.remotes().get(v.upstreamRemote());
    RemoteViews.View up = seen.get(upstreamUrl);
    String upstream = up.refs().get("refs/heads/" + v.upstreamBranch());
    List<CloneUpdate.Take> takes = new ArrayList<>();
    if (RemoteUrl.isLocal(upstreamUrl)) {
      // a local repository: the clone's own git fetches it, and the clone tells how far
      List<String> remotes = stale.values().stream().flatMap(List::stream).toList();
      if (!remotes.isEmpty()) {
        List<String> safe =
            remotes.stream().map(r -> v.remotes().get(r).getPath()).distinct().toList();
        takes.add(new CloneUpdate.Remotes(remotes, safe));
      }
      return new Plan(takes, upstream, null);
    }
    URI counted = upstreamUrl;
    for (Map.Entry<Map<String, String>, List<String>> group : stale.entrySet()) {
      URI url = v.remotes().get(group.getValue().get(0));
      mirrors.ensure(url, group.getKey(), u.creds(), deadline.cap(timeout));
      byte[] bytes = bundles.of(url, group.getKey(), v.ids().values());
      takes.add(new CloneUpdate.Bundle(staging.write(u.user(), u.uid(), bytes), group.getValue()));
      if (group.getValue().contains(v.upstreamRemote())) {
        // the mirror just made to hold the upstream's refs: infra's clone and push URLs are one
        // repository, and the second mirror need not be fetched to count
        counted = url;
      }
    }
    String local = v.local();
    if (local == null || upstream == null || local.equals(upstream)) {
      return new Plan(takes, upstream, local != null && local.equals(upstream) ? 0 : null);
    }
    // the mirror must know the upstream commit (nothing is fetched when it already holds it)
    mirrors.ensure(counted, up.refs(), u.creds(), deadline.cap(timeout));
    return new Plan(takes, upstream, mirrors.behind(counted, local, upstream));
  }

  /** Each take in turn; the first failure, else {@code then}. */
  private static FreshenOutcome takeAll(
      CloneUpdate update, List<CloneUpdate.Take> takes, FreshenOutcome then) {
    for (CloneUpdate.Take take : takes) {
      FreshenOutcome failed = update.update(take, null, 0);
      if (failed != null) {
        return failed;
      }
    }
    return then;
  }
}
