package dev.workstation.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workstation.input.StrictJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  /** Every character a terminal acts on instead of showing, as a pusher could put it in a name. */
  static final String HOSTILE =
      "a\u0000\u0007\u001b[2J\u007f\u0085\u009b31m\u2028\u2029"
          + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
          + "\u200b\ufeff\udb40\udc41\ud800z";

  @Test
  void del_c1_bidi_and_other_format_controls_are_escaped_and_read_back_as_they_were() {
    String json = Json.write(Map.of("author", HOSTILE));
    json.chars()
        .forEach(
            c ->
                assertFalse(
                    (c < 0x20 && c != '\n') || c >= 0x7f,
                    () -> "raw U+" + Integer.toHexString(c) + " in " + json));
    assertEquals(
        "{\n  \"author\": \"a\\u0000\\u0007\\u001b[2J\\u007f\\u0085\\u009b31m\\u2028\\u2029"
            + "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c"
            + "\\u200b\\ufeff\\udb40\\udc41\\ud800z\"\n}\n",
        json);
    // a lone surrogate cannot come back from a strict reader; everything else does
    assertEquals(
        Map.of("author", HOSTILE.replace("\ud800", "")),
        StrictJson.parse(json.replace("\\ud800", "")));
  }

  @Test
  void text_people_write_stays_as_it_is() {
    String text = "Émile Ölçer 李雷 😀 Ελληνικά عربي /home/emo \u00a0";
    assertEquals("[\"" + text + "\"]", Json.compactSorted(List.of(text)));
  }

  @Test
  void quote_and_compact_output_escape_the_same_way() {
    assertEquals("\"\\u202e\"", Json.quote("\u202e"));
    assertEquals("{\"k\":\"\\u009b\"}", Json.compactSorted(Map.of("k", "\u009b")));
  }
}
