package dev.workstation.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class InertWriterTest {
  @Test
  void println_ends_lines_and_a_line_break_inside_a_value_is_escaped() {
    StringWriter s = new StringWriter();
    InertWriter w = new InertWriter(s);
    w.println("user=emo reason=a\nuser=wizard action=x");
    assertEquals("user=emo reason=a\\nuser=wizard action=x" + System.lineSeparator(), s.toString());
  }

  @Test
  void printf_keeps_the_formats_own_line_breaks_and_escapes_the_arguments() {
    StringWriter s = new StringWriter();
    new InertWriter(s).printf("%-6s %s%n%s%n", "ok", "a\u001b[2Jb\r\nforged", "100%");
    String nl = System.lineSeparator();
    assertEquals("ok     a\\x1b[2Jb\\r\\nforged" + nl + "100%" + nl, s.toString());
  }
}
