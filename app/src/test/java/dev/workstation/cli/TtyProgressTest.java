package dev.workstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TtyProgressTest {
  @Test
  void a_phase_counts_its_users_on_one_rewritten_line_and_clears_it_when_done() {
    StringWriter tty = new StringWriter();
    TtyProgress p = TtyProgress.on(new PrintWriter(tty));
    p.begin("apply", 2);
    p.done("emo");
    p.done("anca");
    assertEquals("\rapply: 0/2 users\u001b[K\rapply: 1/2 users\u001b[K\r\u001b[K", tty.toString());
  }

  @Test
  void a_log_line_is_printed_with_the_progress_line_out_of_its_way() {
    StringWriter tty = new StringWriter();
    TtyProgress p = TtyProgress.on(new PrintWriter(tty));
    p.begin("freshen", 3);
    TtyProgress.print(p, () -> tty.write("user=emo action=freshen\n"));
    assertEquals(
        "\rfreshen: 0/3 users\u001b[K\r\u001b[Kuser=emo action=freshen\n\rfreshen: 0/3 users\u001b[K",
        tty.toString());
  }
}
