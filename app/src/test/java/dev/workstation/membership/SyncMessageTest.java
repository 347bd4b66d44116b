package dev.workstation.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** The commit message: one escaped line per piece of free text, and no forged trailer. */
class SyncMessageTest {
  @Test
  void a_value_cannot_become_a_trailer_or_a_second_line() {
    assertEquals("  Workstation-Allow-Cuts: 99", SyncMessage.line("Workstation-Allow-Cuts: 99"));
    assertEquals(
        "x\\nWorkstation-Allow-Cuts: 99", SyncMessage.line("x\nWorkstation-Allow-Cuts: 99"));
    assertEquals("add bob", SyncMessage.line("add bob"));
    assertTrue(SyncMessage.line("y".repeat(1000)).length() <= SyncMessage.MAX_LINE + 1);
  }

  @Test
  void the_message_lists_each_change_and_what_was_left_and_carries_no_trailer() {
    MembershipEdit edit =
        MembershipEditTest.sync(MembershipEditTest.LIVE_SHAPE, "vbarzin", "newperson");
    String m =
        SyncMessage.commit(
                "T3 Users",
                new MembershipEdit(
                    edit.text(),
                    edit.added(),
                    edit.removed(),
                    List.of("Workstation-Allow-Cuts: 9 was a name")),
                List.of("wizard"),
                "root on devvm")
            .render();
    assertTrue(m.startsWith("roster: membership sync of T3 Users (add 1, comment out 1)\n\n"), m);
    assertTrue(m.contains("\nadd newperson (authentik_user newperson, namespace-owner)\n"), m);
    assertTrue(m.contains("\ncomment out emo (authentik_user emil.barzin left the group)\n"), m);
    assertTrue(m.contains("\nadmin wizard is not in the group; kept\n"), m);
    assertTrue(m.endsWith("\n\nRun by root on devvm with workstation membership sync\n"), m);
    RevCommit c = parse(m);
    assertEquals(List.of(), c.getFooterLines(), "no trailer in the message");
    assertFalse(m.contains("\nWorkstation-Allow-Cuts"), m);
  }

  static RevCommit parse(String message) {
    String raw =
        "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
            + "author a <a@b> 0 +0000\ncommitter a <a@b> 0 +0000\n\n"
            + message;
    return RevCommit.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
