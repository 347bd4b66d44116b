package dev.workstation.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class InertTest {
  @Test
  void control_characters_become_visible_escapes() {
    assertEquals(
        "a\\nb\\rc\\td\\x1b[31me\\x7f\\x9b\\x00",
        Inert.text("a\nb\rc\td\u001b[31me\u007f\u009b\u0000"));
  }

  @Test
  void line_separators_and_bidi_controls_are_escaped_and_ordinary_unicode_is_kept() {
    assertEquals("x\\u{2028}y\\u{202e}z\\u{2066}", Inert.text("x\u2028y\u202ez\u2066"));
    assertEquals("Émile 🙂 /home/é\\q", Inert.text("Émile 🙂 /home/é\\q"));
    assertEquals("\\u{d800}", Inert.text("\ud800"));
  }

  @Test
  void has_control_is_true_only_for_what_text_would_escape() {
    assertEquals(false, Inert.hasControl("Émile 🙂 a\\b"));
    assertEquals(true, Inert.hasControl("a\u001bb"));
    assertEquals(true, Inert.hasControl("a\u2028"));
  }

  @Test
  void a_logfmt_value_is_quoted_when_it_holds_a_space_an_equals_a_quote_or_a_backslash() {
    assertEquals("plain", Inert.value("plain"));
    assertEquals("\"\"", Inert.value(""));
    assertEquals("\"a b\"", Inert.value("a b"));
    assertEquals("\"k=v\"", Inert.value("k=v"));
    assertEquals("\"say \\\"hi\\\"\"", Inert.value("say \"hi\""));
    assertEquals("\"c:\\\\x\"", Inert.value("c:\\x"));
  }

  @Test
  void a_forged_record_inside_a_value_stays_on_the_line_and_inside_the_quotes() {
    String forged = "x\nuser=wizard action=add-to-groups result=applied";
    String line = "user=emo reason=" + Inert.value(forged);
    assertFalse(line.contains("\n"));
    assertEquals("user=emo reason=\"x\\\\nuser=wizard action=add-to-groups result=applied\"", line);
  }
}
