package dev.workstation.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds the newest commit C on the branch whose trusted paths are vouched for: for each trusted
 * path, its most recent change at or before C was made by a commit with an accepted signature.
 * Changes are attributed along first-parent history — the commit that made a path differ from its
 * first parent is the one whose signature counts — so a signed merge vouches for what it brings in,
 * and unsigned commits pushed straight onto the branch do not.
 *
 * <p>Walking back from the tip, each path is "settled" by its first signed change. An unsigned
 * change to a path not yet settled means no commit at or after it can be C: the candidate moves to
 * its first parent and everything settled so far (all newer) is unsettled again.
 */
final class TrustWalk {
  private TrustWalk() {}

  /** A change to trusted paths that is not applied, and why not. */
  record Refused(RevCommit commit, List<String> paths, String why) {}

  /**
   * @param content C, or null when no commit qualifies (every version is untrusted)
   * @param vouchers for each trusted path settled at C, the signed commit of its latest change
   * @param refused the untrusted changes after C, newest first
   */
  record Result(RevCommit content, Map<String, RevCommit> vouchers, List<Refused> refused) {}

  static Result walk(
      RevWalk rw,
      ObjectReader reader,
      RevCommit tip,
      List<String> paths,
      Function<RevCommit, CommitSignatures.Check> signatures)
      throws IOException {
    RevCommit candidate = tip;
    Map<String, RevCommit> settled = new HashMap<>();
    List<Refused> refused = new ArrayList<>();
    RevCommit x = tip;
    List<TrustedPaths.Entry> here = TrustedPaths.entries(reader, x, paths);
    while (x != null && settled.size() < paths.size()) {
      RevCommit parent = x.getParentCount() == 0 ? null : rw.parseCommit(x.getParent(0));
      List<TrustedPaths.Entry> before = TrustedPaths.entries(reader, parent, paths);
      List<String> changed = new ArrayList<>();
      boolean unsettledChange = false;
      for (int i = 0; i < paths.size(); i++) {
        if (!Objects.equals(here.get(i), before.get(i))) {
          changed.add(paths.get(i));
          unsettledChange |= !settled.containsKey(paths.get(i));
        }
      }
      if (unsettledChange) {
        CommitSignatures.Check check = signatures.apply(x);
        if (check.trusted()) {
          for (String p : changed) {
            settled.putIfAbsent(p, x);
          }
        } else {
          refused.add(new Refused(x, changed, check.why()));
          settled.clear();
          candidate = parent;
        }
      }
      x = parent;
      here = before;
    }
    return new Result(candidate, settled, refused);
  }
}
