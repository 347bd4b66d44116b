package dev.workstation.git;

import static dev.workstation.git.CommitGraph.R;
import static dev.workstation.git.CommitGraph.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/**
 * What the trust walk costs, counted in objects read (not wall time): a pusher's commits on top may
 * make it longer, never quadratic. Each merge here merges an old commit whose trusted files differ
 * from the merge's, so every one of them needs a merge base (issue 23: 2,000 such merges took 17.6
 * s, 8,000 took 398 s; on that code the first test read 2.1 million objects, the second 4.1
 * million).
 */
class TrustWalkCostTest {
  static final int N = 2_000;
  final CommitGraph g = new CommitGraph();

  TrustWalk.Result walk(RevCommit tip) throws Exception {
    try (ObjectReader reader = g.repo.newObjectReader();
        RevWalk rw = new RevWalk(reader)) {
      return TrustWalk.walk(
          rw, reader, rw.parseCommit(tip), List.of(R, S), CommitGraph::signedByMessage);
    }
  }

  @Test
  void unsigned_merges_of_old_commits_on_top_cost_a_bounded_number_of_reads_each()
      throws Exception {
    List<RevCommit> old = g.history();
    RevCommit tip = old.get(old.size() - 1);
    for (int i = 0; i < N; i++) {
      tip = g.commit("unsigned merge " + i, tip, old.get(i % 30)); // keeps its first parent's tree
    }
    g.repo.reads.set(0);
    TrustWalk.Result r = walk(tip);
    assertEquals(tip, r.content(), "merges that drop no signed change need no signature");
    assertTrue(
        g.repo.reads.get() < 40L * N,
        g.repo.reads.get() + " objects read for " + N + " merges: more than 40 per merge");
  }

  @Test
  void unsigned_merges_of_side_branches_forked_from_old_commits_cost_a_bounded_number_each()
      throws Exception {
    List<RevCommit> old = g.history();
    RevCommit tip = old.get(old.size() - 1);
    for (int i = 0; i < N; i++) {
      var current = new java.util.LinkedHashMap<>(g.files);
      g.files.clear();
      g.files.putAll(g.filesOf(old.get(i % 30)));
      g.files.put("side-" + i + ".txt", "x\n"); // forks from an old commit, changes nothing trusted
      RevCommit side = g.commit("unsigned side " + i, old.get(i % 30));
      g.files.clear();
      g.files.putAll(current);
      tip = g.commit("unsigned merge " + i, tip, side);
    }
    g.repo.reads.set(0);
    TrustWalk.Result r = walk(tip);
    assertEquals(tip, r.content());
    assertTrue(
        g.repo.reads.get() < 60L * N,
        g.repo.reads.get() + " objects read for " + N + " merges: more than 60 per merge");
  }

  @Test
  void linear_unsigned_commits_on_top_cost_a_bounded_number_of_reads_each() throws Exception {
    List<RevCommit> old = g.history();
    RevCommit tip = old.get(old.size() - 1);
    for (int i = 0; i < N; i++) {
      g.files.put("log.txt", i + "\n");
      tip = g.commit("unsigned " + i, tip);
    }
    g.repo.reads.set(0);
    assertEquals(tip, walk(tip).content());
    assertTrue(g.repo.reads.get() < 10L * N, g.repo.reads.get() + " objects read");
  }
}
