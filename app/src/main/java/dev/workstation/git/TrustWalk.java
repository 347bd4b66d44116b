package dev.workstation.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.ObjectId;
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
 *
 * <p>Cost: one read of each first-parent commit and its root tree until every path is settled (the
 * trusted paths' directories are remembered by id: {@link TrustedTrees}); a merge whose side parent
 * holds other versions of the trusted paths than the merge needs a merge base, and all of a walk's
 * merge bases come from one labelled pass over the history ({@link Ancestry}). The walk stops after
 * {@code maxCommits} first-parent commits without every path settled.
 */
final class TrustWalk {
  private TrustWalk() {}

  /** A change to trusted paths that is not applied, and why not. */
  record Refused(RevCommit commit, List<String> paths, String why) {}

  /**
   * @param content C, or null when no commit qualifies (every version is untrusted) or the walk
   *     stopped at its bound
   * @param vouchers for each trusted path settled at C, the signed commit of its latest change
   * @param refused the untrusted changes after C, newest first
   * @param walked the first-parent commits read
   * @param unsettled the paths not settled when the walk stopped at its bound; empty when it ended
   */
  record Result(
      RevCommit content,
      Map<String, RevCommit> vouchers,
      List<Refused> refused,
      int walked,
      List<String> unsettled) {
    boolean bounded() {
      return !unsettled.isEmpty();
    }
  }

  static Result walk(
      RevWalk rw,
      ObjectReader reader,
      RevCommit tip,
      List<String> paths,
      Function<RevCommit, CommitSignatures.Check> signatures)
      throws IOException {
    return walk(rw, reader, tip, paths, signatures, Integer.MAX_VALUE, ids -> ids);
  }

  /**
   * @param maxCommits the first-parent commits read before the walk gives up
   * @param order the order to read root trees in ({@link PackOrder})
   */
  static Result walk(
      RevWalk rw,
      ObjectReader reader,
      RevCommit tip,
      List<String> paths,
      Function<RevCommit, CommitSignatures.Check> signatures,
      int maxCommits,
      UnaryOperator<List<ObjectId>> order)
      throws IOException {
    TrustedTrees trees = new TrustedTrees(reader, paths, order);
    Ahead ahead = new Ahead(rw, trees);
    SideParents sides = new SideParents(rw, reader, tip, trees);
    RevCommit candidate = tip;
    Map<String, RevCommit> settled = new HashMap<>();
    List<Refused> refused = new ArrayList<>();
    RevCommit x = tip;
    List<TrustedPaths.Entry> here = trees.at(x);
    int i = 0;
    for (; x != null && settled.size() < paths.size(); i++) {
      if (i >= maxCommits) {
        List<String> open = paths.stream().filter(p -> !settled.containsKey(p)).toList();
        return new Result(null, Map.of(), refused, i, open);
      }
      ahead.reach(x);
      RevCommit parent = x.getParentCount() == 0 ? null : rw.parseCommit(x.getParent(0));
      List<TrustedPaths.Entry> before = trees.at(parent);
      boolean[] dropped = sides.dropped(i, x, here);
      List<String> changed = new ArrayList<>();
      boolean unsettledChange = false;
      for (int k = 0; k < paths.size(); k++) {
        if (!Objects.equals(here.get(k), before.get(k)) || dropped[k]) {
          changed.add(paths.get(k));
          unsettledChange |= !settled.containsKey(paths.get(k));
        }
      }
      if (unsettledChange) {
        rw.parseBody(x); // its signature and message: kept from here on (the report, trailers)
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
    return new Result(candidate, settled, refused, i, List.of());
  }

  /**
   * The first-parent chain read ahead in stretches that double up to {@value #STRETCH} commits, so
   * a walk that settles near the tip reads little beyond it, and a long one reads each stretch's
   * trees in pack order.
   */
  private static final class Ahead {
    private static final int STRETCH = 4096;
    private final RevWalk rw;
    private final TrustedTrees trees;
    private final java.util.Set<RevCommit> covered = new java.util.HashSet<>();
    private int size = 32;

    Ahead(RevWalk rw, TrustedTrees trees) {
      this.rw = rw;
      this.trees = trees;
    }

    void reach(RevCommit x) throws IOException {
      if (covered.contains(x)) {
        return;
      }
      covered.clear();
      List<RevCommit> stretch = new ArrayList<>(size);
      for (RevCommit c = x; c != null && stretch.size() < size; ) {
        stretch.add(c);
        covered.add(c);
        c = c.getParentCount() == 0 ? null : rw.parseCommit(c.getParent(0));
      }
      trees.readAhead(stretch);
      size = Math.min(size * 2, STRETCH);
    }
  }

  /** What the side parents of a merge changed that the merge does not carry. */
  private static final class SideParents {
    private final RevWalk rw;
    private final ObjectReader reader;
    private final RevCommit tip;
    private final TrustedTrees trees;
    private Ancestry ancestry; // made on the first merge that needs a merge base

    SideParents(RevWalk rw, ObjectReader reader, RevCommit tip, TrustedTrees trees) {
      this.rw = rw;
      this.reader = reader;
      this.tip = tip;
      this.trees = trees;
    }

    /**
     * For each path: whether a side parent of merge {@code x} (chain index {@code i}) changed it
     * since its merge base with the first parent and {@code x} does not carry that change. All
     * false for a non-merge.
     */
    boolean[] dropped(int i, RevCommit x, List<TrustedPaths.Entry> here) throws IOException {
      boolean[] out = new boolean[here.size()];
      for (int k = 1; k < x.getParentCount(); k++) {
        RevCommit side = rw.parseCommit(x.getParent(k));
        List<TrustedPaths.Entry> sideEntries = trees.at(side);
        if (sideEntries.equals(here)) {
          continue; // the merge carries the side's version of every path
        }
        if (ancestry == null) {
          ancestry = Ancestry.of(reader, tip);
        }
        RevCommit base = ancestry.base(i, side);
        List<TrustedPaths.Entry> baseEntries =
            base == null ? trees.at(null) : trees.at(rw.parseCommit(base));
        for (int p = 0; p < out.length; p++) {
          if (!Objects.equals(sideEntries.get(p), baseEntries.get(p))
              && !Objects.equals(sideEntries.get(p), here.get(p))) {
            out[p] = true;
          }
        }
      }
      return out;
    }
  }
}
