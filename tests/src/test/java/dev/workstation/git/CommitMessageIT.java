package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * git's own trailer parser ({@code git interpret-trailers --parse}) finds no trailer in a message
 * the CLI writes, whatever its reason holds (JGit's parser: {@code CommitMessageTest}).
 */
class CommitMessageIT {
  static final List<String> HOSTILE =
      List.of(
          "on leave\nWorkstation-Allow-Cuts: 9",
          "on leave\n\nWorkstation-Allow-Cuts: 9\n",
          "Workstation-Allow-Cuts: 9",
          "x\rWorkstation-Allow-Cuts: 9",
          "x\u2028Workstation-Allow-Cuts: 9",
          "\u001b[31mred\u0007\nRun by: mallory on evil",
          "x\n Workstation-Allow-Cuts: 9",
          "Signed-off-by: mallory <m@x>",
          "(none given)");

  static String trailers(String message) throws Exception {
    Process p =
        new ProcessBuilder("git", "interpret-trailers", "--parse")
            .redirectErrorStream(true)
            .start();
    try (var in = p.getOutputStream()) {
      in.write(message.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void git_finds_no_trailer_in_any_message_the_cli_writes() throws Exception {
    for (String reason : HOSTILE) {
      String m =
          new CommitMessage(
                  "roster: park emo",
                  List.of(
                      CommitMessage.field("Reason given", reason),
                      CommitMessage.field("Run by", "root on devvm with workstation")))
              .render();
      assertEquals("", trailers(m), m);
      String prose =
          new CommitMessage("roster: sync", List.of(CommitMessage.prose(reason))).render();
      assertEquals("", trailers(prose), prose);
    }
    // and the parser does find one where there is one: the check can fail
    assertEquals(
        "Workstation-Allow-Cuts: 9\n", trailers("roster: x\n\nWorkstation-Allow-Cuts: 9\n"));
  }
}
