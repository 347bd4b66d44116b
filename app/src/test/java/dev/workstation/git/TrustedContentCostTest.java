package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.site.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole source read (signatures judged, the last applied commit known) costs a bounded number
 * of object reads per commit on top: whether a commit was applied already is not asked by a new
 * walk per commit (issue 23: one {@code isMergedInto} per checked commit; on that code this test
 * read 2 million objects).
 */
class TrustedContentCostTest {
  static final int N = 2_000;
  final CommitGraph g = new CommitGraph();

  @Test
  void unsigned_changes_on_top_of_the_applied_commit_cost_a_bounded_number_of_reads_each(
      @TempDir Path dir) throws Exception {
    List<RevCommit> old = g.history();
    RevCommit applied = old.get(old.size() - 1);
    RevCommit tip = applied;
    for (int i = 0; i < N; i++) {
      g.files.put(CommitGraph.R, "users: {mallory" + i + ": {}}\n");
      tip = g.commit("unsigned grant " + i, tip);
    }
    Path signers = Files.writeString(dir.resolve("allowed_signers"), "# nobody yet\n");
    SiteConfig.RosterSource source =
        new SiteConfig.RosterSource(
            "file:///x",
            "master",
            CommitGraph.R,
            Optional.of(CommitGraph.S),
            Optional.empty(),
            Optional.of(signers),
            Optional.empty(),
            2,
            SiteConfig.RosterSource.DEFAULT_MAX_UNSIGNED_COMMITS,
            false);
    g.repo.reads.set(0);
    try (ObjectReader reader = g.repo.newObjectReader();
        RevWalk rw = new RevWalk(reader)) {
      RevCommit head = rw.parseCommit(tip);
      assertThrows(
          TrustedSource.SourceException.class,
          () ->
              TrustedContent.read(
                  source,
                  g.repo,
                  rw,
                  reader,
                  head,
                  TrustedContent.notApplied(g.repo, Optional.of(applied.name()))));
    }
    assertTrue(
        g.repo.reads.get() < 20L * N,
        g.repo.reads.get() + " objects read for " + N + " commits on top");
  }
}
