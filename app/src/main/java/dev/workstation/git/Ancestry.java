package dev.workstation.git;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Merge bases against the branch's first-parent chain, for every merge of one trust walk, from one
 * walk of the history. Each commit gets a label: the index (from the tip, 0) of the deepest
 * first-parent commit it is an ancestor of. So commit c is an ancestor of chain commit i exactly
 * when its label is at least i, whatever the commit dates say (they are the pusher's to choose);
 * the commits a merge at index i brings in are those labelled i, and each commit has one label, so
 * all the merge bases of a walk together cost one pass over the history.
 *
 * <p>A commit's label is the greatest of its children's (its chain index on the chain), so the
 * labels are set in one topological pass (children first) over everything the tip reaches.
 */
final class Ancestry {
  private final LabelWalk walk;

  private Ancestry(LabelWalk walk) {
    this.walk = walk;
  }

  /** A commit with its label. */
  private static final class Labelled extends RevCommit {
    int label = -1;
    boolean chain;

    Labelled(AnyObjectId id) {
      super(id);
    }
  }

  private static final class LabelWalk extends RevWalk {
    LabelWalk(ObjectReader reader) {
      super(reader);
    }

    @Override
    protected RevCommit createCommit(AnyObjectId id) {
      return new Labelled(id);
    }
  }

  /** Labels everything {@code tip} reaches: one pass. */
  static Ancestry of(ObjectReader reader, AnyObjectId tip) throws IOException {
    LabelWalk w = new LabelWalk(reader);
    w.setRetainBody(false);
    Labelled c = (Labelled) w.parseCommit(tip);
    for (int i = 0; c != null; i++) {
      c.label = i;
      c.chain = true;
      c = c.getParentCount() == 0 ? null : (Labelled) w.parseCommit(c.getParent(0));
    }
    w.sort(RevSort.TOPO);
    w.markStart(w.parseCommit(tip));
    for (RevCommit next; (next = w.next()) != null; ) {
      Labelled child = (Labelled) next;
      for (RevCommit p : child.getParents()) {
        Labelled parent = (Labelled) p;
        if (!parent.chain && parent.label < child.label) {
          parent.label = child.label;
        }
      }
    }
    w.reset(); // keeps the parsed commits and their labels; frees the walk's queues
    return new Ancestry(w);
  }

  /**
   * A merge base of chain commit {@code i + 1} (the first parent of merge {@code i}) and {@code
   * side}, one of the merge's other parents: null when they share no history. Of several, the one
   * nearest the tip along the chain (the other candidates are its ancestors or as deep).
   */
  RevCommit base(int i, AnyObjectId side) throws IOException {
    Labelled s = (Labelled) walk.parseCommit(side);
    if (s.label > i) {
      return s; // already an ancestor of the first parent: a merge of an old commit
    }
    Labelled best = null;
    Deque<Labelled> todo = new ArrayDeque<>();
    Set<Labelled> visited = new HashSet<>();
    todo.add(s);
    visited.add(s);
    while (!todo.isEmpty()) {
      Labelled c = todo.poll();
      for (RevCommit p : c.getParents()) {
        Labelled parent = (Labelled) p;
        if (!visited.add(parent)) {
          continue;
        }
        if (parent.label > i) {
          if (best == null || parent.label < best.label) {
            best = parent; // in the first parent's history: a candidate, not walked further
          }
        } else {
          todo.add(
              parent); // only what this merge brings in (labelled i): each commit once per walk
        }
      }
    }
    return best;
  }
}
