package dev.workstation.freshen;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.host.CommandFailedException;
import dev.workstation.host.ProcessRunner;
import dev.workstation.worker.UserGit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a freshen that change a clone, as its user ({@link UserGit}), in one process: take a
 * remote's new refs and objects from a bundle root cut for this clone, then fast-forward — only
 * when provably safe, exactly as {@code git.Freshener} decides: on the branch, upstream strictly
 * ahead (decided against root's mirror, or by the clone when it holds local commits the mirror does
 * not know), working tree clean (nothing staged, unstaged or untracked). Never merges, rebases,
 * resets or stashes.
 *
 * <p>The bundle reaches git as its standard input, opened by root: the user never opens it by name,
 * and no path of root's staging area is in any argv another user can read.
 */
final class CloneUpdate {
  /**
   * {@code $1}: what to take first — {@code bundle} (the bundle on stdin, into the refspecs {@code
   * $4…}), {@code remotes} (the clone's own remotes {@code $5…}, local repositories, with {@code
   * $4} the upload-pack command that trusts them: {@link LocalViews#uploadPack}) or {@code none};
   * {@code $2}: the commit to fast-forward to, or empty for none; {@code $3}: how many commits it
   * is ahead, or empty to decide that here (against objects only the clone holds). Prints the count
   * after a fast-forward. Exit 10: fetch failed; 11: status or count failed; 12: dirty; 13:
   * diverged (or the fast-forward was refused with a clean tree: the branch moved); 14: nothing to
   * take (the branch is at or past it); 15: the ancestry could not be read.
   */
  static final String SCRIPT =
      """
      take=$1 to=$2 n=$3; shift 3
      case $take in
        bundle) g fetch --quiet --prune --no-write-fetch-head /dev/stdin "$@" || exit 10 ;;
        remotes) up=$1; shift
          for r; do
            g fetch --upload-pack="$up" --quiet --prune --no-write-fetch-head "$r" || exit 10
          done ;;
      esac
      [ -n "$to" ] || exit 0
      if [ -z "$n" ]; then
        g merge-base --is-ancestor "$to" HEAD; r=$?
        [ $r = 0 ] && exit 14
        [ $r = 1 ] || exit 15
        g merge-base --is-ancestor HEAD "$to"; r=$?
        [ $r = 1 ] && exit 13
        [ $r = 0 ] || exit 15
        n=$(g rev-list --count "HEAD..$to") || exit 11
      fi
      s=$(g status --porcelain --untracked-files=normal) || exit 11
      [ -z "$s" ] || exit 12
      if g merge --ff-only --quiet --no-stat "$to" >/dev/null 2>&1; then echo "$n"; exit 0; fi
      s=$(g status --porcelain --untracked-files=normal) || exit 11
      [ -z "$s" ] || exit 12
      exit 13
      """;

  /** What a clone takes before its fast-forward. */
  sealed interface Take permits Nothing, Bundle, Remotes {}

  /** Nothing: the clone already holds what it needs. */
  record Nothing() implements Take {}

  /** A bundle root staged, for the remote-tracking refs of {@code remotes}. */
  record Bundle(Path file, List<String> remotes) implements Take {}

  /** The clone's own {@code remotes}, local repositories ({@code paths}: theirs). */
  record Remotes(List<String> remotes, List<String> paths) implements Take {}

  private final UserGit git;
  private final Path clone;

  CloneUpdate(UserGit git, Path clone) {
    this.git = git;
    this.clone = clone;
  }

  /**
   * Takes {@code take}, then fast-forwards to {@code upstream} when not null — {@code behind}
   * commits ahead, or (null) as the clone finds. The outcome; null when it only took, as asked.
   */
  FreshenOutcome update(Take take, String upstream, Integer behind) {
    List<String> args = new ArrayList<>();
    args.add(take instanceof Bundle ? "bundle" : take instanceof Remotes ? "remotes" : "none");
    args.add(upstream == null ? "" : upstream);
    args.add(behind == null ? "" : Integer.toString(behind));
    List<String> names = List.of();
    Path stdin = null;
    if (take instanceof Bundle b) {
      names = b.remotes();
      stdin = b.file();
      b.remotes().forEach(r -> args.add("+refs/heads/*:refs/remotes/" + r + "/*"));
    } else if (take instanceof Remotes r) {
      names = r.remotes();
      args.add(LocalViews.uploadPack(r.paths()));
      args.addAll(r.remotes());
    }
    String what = names.isEmpty() ? "fast-forward" : String.join(", ", names);
    try {
      ProcessRunner.Result r = git.script(clone, stdin, SCRIPT, args);
      return switch (r.exitCode()) {
        case 0 -> upstream == null ? null : fastForwarded(r, behind);
        case 10 -> FreshenOutcome.fetchFailed(what + ": " + firstLine(r));
        case 11 -> FreshenOutcome.fetchFailed("status");
        case 12 -> FreshenOutcome.DIRTY;
        case 13 -> FreshenOutcome.DIVERGED;
        case 14 -> FreshenOutcome.UP_TO_DATE;
        case 15 -> FreshenOutcome.fetchFailed("merge-base");
        default -> FreshenOutcome.fetchFailed(what);
      };
    } catch (CommandFailedException e) {
      return timedOutOr(e, FreshenOutcome.fetchFailed(what));
    }
  }

  private static FreshenOutcome fastForwarded(ProcessRunner.Result r, Integer behind) {
    if (behind != null) {
      return FreshenOutcome.fastForwarded(behind);
    }
    String n = r.stdout().strip();
    return FreshenOutcome.fastForwarded(n.matches("[0-9]{1,9}") ? Integer.parseInt(n) : 1);
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
