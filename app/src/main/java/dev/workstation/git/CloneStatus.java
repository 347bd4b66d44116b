package dev.workstation.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Repository;

/**
 * A clone's state for {@code status}, from local data only (no fetch): its branch and upstream,
 * commits ahead and behind, whether the tree is dirty, when it was last fetched, and the state line
 * — fresh, behind n, diverged, detached, no-upstream (each maybe ", dirty"), or unreadable.
 */
public record CloneStatus(
    Optional<String> branch,
    Optional<String> upstream,
    int ahead,
    int behind,
    boolean dirty,
    Optional<String> lastFetch,
    String state) {

  /** Every state line {@link #of} writes. */
  public static final Pattern STATE =
      Pattern.compile(
          "(fresh|detached|no-upstream|diverged|behind [1-9][0-9]{0,9})(, dirty)?|unreadable");

  public static CloneStatus of(Path dir) {
    IsolatedGitConfig.install();
    try (Git git = Git.open(dir.toFile())) {
      Repository repo = git.getRepository();
      String full = repo.getFullBranch();
      boolean onBranch = full != null && full.startsWith("refs/heads/");
      BranchTrackingStatus t = onBranch ? BranchTrackingStatus.of(repo, repo.getBranch()) : null;
      Optional<String> upstream =
          onBranch
              ? Optional.ofNullable(
                  new BranchConfig(repo.getConfig(), repo.getBranch()).getRemoteTrackingBranch())
              : Optional.empty();
      boolean dirty;
      try {
        dirty = !git.status().call().isClean();
      } catch (Exception e) {
        dirty = true;
      }
      Path fetchHead = dir.resolve(".git/FETCH_HEAD");
      Optional<String> lastFetch =
          Files.exists(fetchHead)
              ? Optional.of(Files.getLastModifiedTime(fetchHead).toInstant().toString())
              : Optional.empty();
      String state;
      if (!onBranch) {
        state = "detached";
      } else if (t == null) {
        state = "no-upstream";
      } else if (t.getAheadCount() > 0 && t.getBehindCount() > 0) {
        state = "diverged";
      } else if (t.getBehindCount() > 0) {
        state = "behind " + t.getBehindCount();
      } else {
        state = "fresh";
      }
      return new CloneStatus(
          onBranch ? Optional.of(repo.getBranch()) : Optional.empty(),
          upstream,
          t == null ? 0 : t.getAheadCount(),
          t == null ? 0 : t.getBehindCount(),
          dirty,
          lastFetch,
          dirty ? state + ", dirty" : state);
    } catch (IOException e) {
      return unreadable();
    }
  }

  /** A clone git cannot open. */
  public static CloneStatus unreadable() {
    return unreadable("");
  }

  /** Clones that could not be read at all ({@code why} says what stopped it). */
  public static CloneStatus unreadable(String why) {
    return new CloneStatus(
        Optional.empty(),
        Optional.empty(),
        0,
        0,
        false,
        Optional.empty(),
        why.isEmpty() ? "unreadable" : "unreadable: " + why);
  }

  /** Commits on both sides: a person has to merge or rebase. */
  public boolean diverged() {
    return ahead > 0 && behind > 0;
  }

  /** As {@code status --json} shows it (an unreadable clone shows its state alone). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (state.startsWith("unreadable")) {
      m.put("state", state);
      return m;
    }
    m.put("branch", branch.orElse(null));
    m.put("upstream", upstream.orElse(null));
    m.put("ahead", ahead);
    m.put("behind", behind);
    m.put("dirty", dirty);
    m.put("last_fetch", lastFetch.orElse(null));
    m.put("state", state);
    return m;
  }
}
