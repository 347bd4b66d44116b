package dev.workstation.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Repository;

/**
 * A clone's state for {@code status}, from local data only (no fetch): fresh, behind n, dirty,
 * diverged.
 */
public final class CloneStatus {
  private CloneStatus() {}

  public static Map<String, Object> of(Path dir) {
    IsolatedGitConfig.install();
    Map<String, Object> m = new LinkedHashMap<>();
    try (Git git = Git.open(dir.toFile())) {
      Repository repo = git.getRepository();
      String full = repo.getFullBranch();
      boolean onBranch = full != null && full.startsWith("refs/heads/");
      m.put("branch", onBranch ? repo.getBranch() : null);
      BranchTrackingStatus t = onBranch ? BranchTrackingStatus.of(repo, repo.getBranch()) : null;
      m.put(
          "upstream",
          onBranch
              ? new BranchConfig(repo.getConfig(), repo.getBranch()).getRemoteTrackingBranch()
              : null);
      m.put("ahead", t == null ? 0 : t.getAheadCount());
      m.put("behind", t == null ? 0 : t.getBehindCount());
      boolean dirty;
      try {
        dirty = !git.status().call().isClean();
      } catch (Exception e) {
        dirty = true;
      }
      m.put("dirty", dirty);
      Path fetchHead = dir.resolve(".git/FETCH_HEAD");
      m.put(
          "last_fetch",
          Files.exists(fetchHead)
              ? Files.getLastModifiedTime(fetchHead).toInstant().toString()
              : null);
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
      m.put("state", dirty ? state + ", dirty" : state);
    } catch (IOException e) {
      m.put("state", "unreadable");
    }
    return m;
  }
}
