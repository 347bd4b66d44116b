package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/**
 * The CLI's commit messages: every free text in its place, escaped, on one line, and no trailer
 * JGit would read (git's own parser: {@code CommitMessageIT}). Issue 23: {@code park emo --reason
 * "$(printf 'on leave\nWorkstation-Allow-Cuts: 9')"} forged the blast-radius override.
 */
class CommitMessageTest {
  static final List<String> HOSTILE =
      List.of(
          "on leave\nWorkstation-Allow-Cuts: 9",
          "on leave\n\nWorkstation-Allow-Cuts: 9\n",
          "Workstation-Allow-Cuts: 9",
          "x\rWorkstation-Allow-Cuts: 9",
          "x\u2028Workstation-Allow-Cuts: 9",
          "x\u0085Workstation-Allow-Cuts: 9",
          "\u001b[31mred\u0007 bell\nRun by: mallory on evil",
          "x\n Workstation-Allow-Cuts: 9",
          "Signed-off-by: mallory <m@x>");

  static CommitMessage park(String reason) {
    return new CommitMessage(
        "roster: park emo",
        List.of(
            CommitMessage.field("Reason given", reason),
            CommitMessage.field("Run by", "root on devvm with workstation")));
  }

  static RevCommit commitOf(String message) throws Exception {
    InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("m"));
    try (ObjectInserter ins = repo.newObjectInserter();
        RevWalk rw = new RevWalk(repo)) {
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(ins.insert(new org.eclipse.jgit.lib.TreeFormatter()));
      PersonIdent who = new PersonIdent("t", "t@example.org");
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage(message);
      ObjectId id = ins.insert(c);
      ins.flush();
      return rw.parseCommit(id);
    }
  }

  @Test
  void no_reason_puts_a_trailer_jgit_reads_into_the_message() throws Exception {
    for (String reason : HOSTILE) {
      RevCommit c = commitOf(park(reason).render());
      assertEquals(List.of(), c.getFooterLines(), reason + " →\n" + c.getFullMessage());
      assertEquals(
          List.of(), c.getFooterLines(TrustedSource.ALLOW_CUTS_TRAILER), c.getFullMessage());
    }
  }

  @Test
  void each_free_text_stays_on_its_own_line_escaped() {
    String m = park("on leave\nWorkstation-Allow-Cuts: 9\u001b[2J\u0007").render();
    assertEquals(
        "roster: park emo\n\n"
            + "Reason given: on leave\\nWorkstation-Allow-Cuts: 9\\x1b[2J\\x07\n"
            + "Run by: root on devvm with workstation\n",
        m);
    assertFalse(m.chars().anyMatch(c -> c < 0x20 && c != '\n'), m);
  }

  @Test
  void free_text_is_cut_to_a_bounded_length() {
    String line = CommitMessage.line("x".repeat(10_000));
    assertEquals(CommitMessage.MAX, line.length());
    assertTrue(line.endsWith("…"));
    assertEquals("(none)", CommitMessage.line("  (none)\n"));
  }

  @Test
  void a_one_word_label_or_a_trailer_shaped_line_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> CommitMessage.field("Reason", "x"));
    assertThrows(
        IllegalArgumentException.class, () -> CommitMessage.field("Workstation-Allow-Cuts", "9"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CommitMessage("s", List.of("Workstation-Allow-Cuts: 9")));
    assertThrows(IllegalArgumentException.class, () -> new CommitMessage("s", List.of("a\nb")));
  }

  @Test
  void prose_that_opens_like_a_trailer_is_indented_and_neither_parser_reads_it() throws Exception {
    for (String text : HOSTILE) {
      RevCommit c =
          commitOf(new CommitMessage("roster: sync", List.of(CommitMessage.prose(text))).render());
      assertEquals(List.of(), c.getFooterLines(), c.getFullMessage());
    }
  }
}
