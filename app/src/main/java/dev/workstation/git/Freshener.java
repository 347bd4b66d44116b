package dev.workstation.git;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Keeps a clone fresh without ever risking work: fetch every remote (with prune), then fast-forward
 * the checked-out branch only when that is provably safe — on a branch, upstream set, working tree
 * clean (nothing staged, unstaged or untracked), upstream strictly ahead. Never merges, rebases,
 * resets or stashes.
 */
public final class Freshener {
  private Freshener() {}

  /** One repo's outcome ({@link FreshenOutcome}) and how long it took. */
  public record Outcome(String repo, FreshenOutcome outcome, long millis) {
    public boolean ok() {
      return outcome.ok();
    }
  }

  /** Freshens {@code repos} with at most {@code jobs} at once, each bounded by {@code timeout}. */
  public static List<Outcome> freshenAll(
      List<Path> repos, int jobs, Duration timeout, GitCredentials creds) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(jobs, repos.size())),
            r -> {
              Thread t = new Thread(r, "freshen");
              t.setDaemon(true); // a remote that never answers must not keep the process alive
              return t;
            });
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      long[] starts = new long[repos.size()];
      for (int i = 0; i < repos.size(); i++) {
        Path repo = repos.get(i);
        starts[i] = System.nanoTime();
        futures.add(pool.submit(() -> freshen(repo, timeout, creds)));
      }
      long deadline =
          System.nanoTime()
              + timeout.toNanos() * (1 + (repos.size() - 1) / Math.max(1, jobs))
              + 500_000_000L;
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.add(
              futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          futures.get(i).cancel(true);
          out.add(
              new Outcome(
                  repos.get(i).toString(),
                  FreshenOutcome.TIMED_OUT,
                  (System.nanoTime() - starts[i]) / 1_000_000));
        } catch (Exception e) {
          out.add(
              new Outcome(repos.get(i).toString(), FreshenOutcome.fetchFailed(shortReason(e)), 0));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One clone: first the cheap {@link RefProbe} (one ref advertisement per remote, no JGit
   * repository opened); only when it cannot prove the clone up to date, the full JGit fetch.
   */
  public static Outcome freshen(Path dir, Duration timeout, GitCredentials creds) {
    long start = System.nanoTime();
    FreshenOutcome outcome =
        switch (RefProbe.check(dir, timeout, creds)) {
          case UP_TO_DATE -> FreshenOutcome.UP_TO_DATE;
          case TIMED_OUT -> FreshenOutcome.TIMED_OUT;
          case UNPROVEN -> fetchAndFastForward(dir, timeout, creds);
        };
    return new Outcome(dir.toString(), outcome, (System.nanoTime() - start) / 1_000_000);
  }

  private static FreshenOutcome fetchAndFastForward(
      Path dir, Duration timeout, CredentialsProvider creds) {
    IsolatedGitConfig.install();
    try (Git git = Git.open(dir.toFile())) {
      return freshen(git, (int) Math.max(1, timeout.toSeconds()), creds);
    } catch (IOException e) {
      return FreshenOutcome.fetchFailed("not a git repository");
    }
  }

  private static FreshenOutcome freshen(Git git, int timeoutSeconds, CredentialsProvider creds)
      throws IOException {
    Repository repo = git.getRepository();
    for (String remote : repo.getRemoteNames()) {
      try {
        git.fetch()
            .setRemote(remote)
            .setRemoveDeletedRefs(true)
            .setTimeout(timeoutSeconds)
            .setCredentialsProvider(creds)
            .call();
      } catch (Exception e) {
        return isTimeout(e)
            ? FreshenOutcome.TIMED_OUT
            : FreshenOutcome.fetchFailed(remote + ": " + shortReason(e));
      }
    }
    String full = repo.getFullBranch();
    if (full == null || !full.startsWith("refs/heads/")) {
      return FreshenOutcome.DETACHED;
    }
    String upstreamRef =
        new BranchConfig(repo.getConfig(), repo.getBranch()).getRemoteTrackingBranch();
    ObjectId upstream = upstreamRef == null ? null : repo.resolve(upstreamRef);
    ObjectId local = repo.resolve(full);
    if (upstream == null || local == null) {
      return FreshenOutcome.NO_UPSTREAM;
    }
    return fastForward(git, local, upstream);
  }

  /** Takes {@code upstream} into the branch at {@code local}, when that is a fast-forward. */
  private static FreshenOutcome fastForward(Git git, ObjectId local, ObjectId upstream) {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit l = walk.parseCommit(local);
      RevCommit u = walk.parseCommit(upstream);
      if (l.equals(u) || walk.isMergedInto(u, l)) {
        return FreshenOutcome.UP_TO_DATE; // same, or only local commits ahead: nothing to take
      }
      if (!walk.isMergedInto(l, u)) {
        return FreshenOutcome.DIVERGED;
      }
      // the tree is looked at only when there is something to take: a status walk of a large
      // clone is the most expensive step, and a dirty tree that is up to date needs nothing
      if (!isClean(git)) {
        return FreshenOutcome.DIRTY;
      }
      walk.reset();
      walk.markStart(walk.parseCommit(upstream));
      walk.markUninteresting(walk.parseCommit(local));
      int ahead = 0;
      for (RevCommit ignored : walk) {
        ahead++;
      }
      MergeResult r =
          git.merge()
              .include(upstream)
              .setFastForward(MergeCommand.FastForwardMode.FF_ONLY)
              .setCommit(true)
              .call();
      if (r.getMergeStatus() != MergeResult.MergeStatus.FAST_FORWARD) {
        return FreshenOutcome.DIVERGED;
      }
      return FreshenOutcome.fastForwarded(ahead);
    } catch (Exception e) {
      return FreshenOutcome.fetchFailed(shortReason(e));
    }
  }

  private static boolean isClean(Git git) {
    try {
      return git.status().call().isClean();
    } catch (Exception e) {
      return false; // if we cannot prove it clean, it is not safe to touch
    }
  }

  static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException
          || t instanceof InterruptedException
          || (t.getMessage() != null
              && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout"))
          || (t.getMessage() != null
              && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A one-line reason without URLs (they may carry a user name) or stack noise. */
  public static String shortReason(Throwable e) {
    String m = GitErrors.rootMessage(e);
    m = m.replaceAll("[a-z]+://\\S+", "<remote>").replace('\n', ' ');
    if (m.toLowerCase(java.util.Locale.ROOT).contains("not authorized")
        || m.contains("401")
        || m.contains("403")) {
      return "not authorized";
    }
    return m.length() > 120 ? m.substring(0, 120) : m;
  }
}
