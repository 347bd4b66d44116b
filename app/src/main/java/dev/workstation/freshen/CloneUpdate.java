package dev.workstation.freshen;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.host.CommandFailedException;
import dev.workstation.host.ProcessRunner;
import dev.workstation.worker.UserGit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a freshen that change a clone, as its user ({@link UserGit}): take a remote's new
 * refs and objects from a bundle root cut for this clone, then fast-forward — only when provably
 * safe, exactly as {@code git.Freshener} decides: on the branch, upstream strictly ahead (decided
 * against root's mirror, or by the clone when it holds local commits the mirror does not know),
 * working tree clean (nothing staged, unstaged or untracked). Never merges, rebases, resets or
 * stashes.
 */
final class CloneUpdate {
  private final UserGit git;
  private final Path clone;

  CloneUpdate(UserGit git, Path clone) {
    this.git = git;
    this.clone = clone;
  }

  /**
   * {@code git fetch --prune <bundle> +refs/heads/*:refs/remotes/<remote>/*} for each of {@code
   * remotes} (which all show what the bundle holds): their remote-tracking refs become the remote's
   * branches (tags follow, as in any fetch); null on success, else the outcome to report.
   */
  FreshenOutcome fetch(List<String> remotes, Path bundle) {
    List<String> args =
        new ArrayList<>(
            List.of("fetch", "--quiet", "--prune", "--no-write-fetch-head", bundle.toString()));
    remotes.forEach(r -> args.add("+refs/heads/*:refs/remotes/" + r + "/*"));
    String names = String.join(", ", remotes);
    try {
      ProcessRunner.Result r = git.run(clone, args.toArray(String[]::new));
      return r.exitCode() == 0 ? null : FreshenOutcome.fetchFailed(names + ": " + firstLine(r));
    } catch (CommandFailedException e) {
      return timedOutOr(e, FreshenOutcome.fetchFailed(names));
    }
  }

  /** Is {@code ancestor} an ancestor of (or equal to) {@code of}, in the clone? null: error. */
  Boolean isAncestor(String ancestor, String of) {
    try {
      int code = git.run(clone, "merge-base", "--is-ancestor", ancestor, of).exitCode();
      return code == 0 ? Boolean.TRUE : code == 1 ? Boolean.FALSE : null;
    } catch (CommandFailedException e) {
      return null;
    }
  }

  /**
   * Fast-forwards to {@code upstream} ({@code behind} commits ahead) when the tree is clean; the
   * outcome.
   */
  FreshenOutcome fastForward(String upstream, int behind) {
    try {
      Boolean clean = clean();
      if (clean == null) {
        return FreshenOutcome.fetchFailed("status");
      }
      if (!clean) {
        return FreshenOutcome.DIRTY;
      }
      ProcessRunner.Result r =
          git.run(clone, "merge", "--ff-only", "--quiet", "--no-stat", upstream);
      if (r.exitCode() == 0) {
        return FreshenOutcome.fastForwarded(behind);
      }
      // something changed under us (a file appeared, the branch moved): say what is true now
      return Boolean.FALSE.equals(clean()) ? FreshenOutcome.DIRTY : FreshenOutcome.DIVERGED;
    } catch (CommandFailedException e) {
      return timedOutOr(e, FreshenOutcome.fetchFailed("fast-forward"));
    }
  }

  /** Nothing staged, unstaged or untracked (ignored files do not count); null: cannot tell. */
  private Boolean clean() {
    ProcessRunner.Result r =
        git.run(clone, "status", "--porcelain", "-z", "--untracked-files=normal");
    return r.exitCode() != 0 ? null : r.stdout().isEmpty();
  }

  private static FreshenOutcome timedOutOr(CommandFailedException e, FreshenOutcome otherwise) {
    return String.valueOf(e.getMessage()).contains("timed out")
        ? FreshenOutcome.TIMED_OUT
        : otherwise;
  }

  /** git's own first line of complaint, without URLs or paths it may echo, for the outcome. */
  private static String firstLine(ProcessRunner.Result r) {
    String line = r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode());
    line = line.replaceAll("[a-z]+://\\S+", "<remote>").replaceAll("/\\S+", "<path>");
    return line.length() > 120 ? line.substring(0, 120) : line;
  }
}
