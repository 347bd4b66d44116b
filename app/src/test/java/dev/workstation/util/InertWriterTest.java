package dev.workstation.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class InertWriterTest {
  @Test
  void printf_keeps_the_formats_own_line_ends_and_escapes_every_argument() {
    StringWriter s = new StringWriter();
    InertWriter w = new InertWriter(s);
    w.printf("%-6s|%3d|%s%n", "a\nb", 7, new StringBuilder("x\u001b[2Jy"));
    w.printf("%s%n", (Object) null);
    assertEquals("a\\nb  |  7|x\\x1b[2Jy\nnull\n", s.toString());
  }

  @Test
  void print_and_println_escape_what_they_are_given() {
    StringWriter s = new StringWriter();
    InertWriter w = new InertWriter(s);
    w.print("one\ntwo");
    w.println(" three\r");
    assertEquals("one\\ntwo three\\r\n", s.toString());
  }
}
