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
 * <p>A merge also changes what it drops. A path a side parent changed since its merge base with the
 * first parent, which the merge does not carry, counts as changed by the merge: otherwise an
 * unsigned merge whose first parent is an old signed commit, with that commit's tree and the
 * current head as its second parent, would fast-forward the branch and quietly roll back every
 * signed change since (a demoted admin promoted again, a cut user restored). A merge of a stale
 * branch that never touched the trusted paths drops nothing and needs no signature.
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
      List<Boolean> dropped = droppedBySideParents(rw, reader, x, parent, here, paths);
      for (int i = 0; i < paths.size(); i++) {
        if (!Objects.equals(here.get(i), before.get(i)) || dropped.get(i)) {
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

  /**
   * For each path: whether a side parent of merge {@code x} changed it since its merge base with
   * the first parent and {@code x} does not carry that change. All false for a non-merge.
   */
  private static List<Boolean> droppedBySideParents(
      RevWalk rw,
      ObjectReader reader,
      RevCommit x,
      RevCommit first,
      List<TrustedPaths.Entry> here,
      List<String> paths)
      throws IOException {
    List<Boolean> out = new ArrayList<>(java.util.Collections.nCopies(paths.size(), false));
    for (int k = 1; k < x.getParentCount(); k++) {
      RevCommit side = rw.parseCommit(x.getParent(k));
      List<TrustedPaths.Entry> sideEntries = TrustedPaths.entries(reader, side, paths);
      if (sideEntries.equals(here)) {
        continue; // the merge carries the side's version of every path
      }
      List<TrustedPaths.Entry> base =
          TrustedPaths.entries(reader, mergeBase(reader, first, side), paths);
      for (int i = 0; i < paths.size(); i++) {
        if (!Objects.equals(sideEntries.get(i), base.get(i))
            && !Objects.equals(sideEntries.get(i), here.get(i))) {
          out.set(i, true);
        }
      }
    }
    return out;
  }

  /** The merge base of {@code a} and {@code b}; null when they share no history. */
  private static RevCommit mergeBase(ObjectReader reader, RevCommit a, RevCommit b)
      throws IOException {
    try (RevWalk walk = new RevWalk(reader)) {
      walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(a));
      walk.markStart(walk.parseCommit(b));
      return walk.next(); // parsed: its tree stays readable after the walk closes
    }
  }
}
