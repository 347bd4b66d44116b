package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileEditTest {
  static final Map<String, Integer> T3 = Map.of("T3_PORT", 3773);

  @Test
  void every_other_line_is_kept_byte_for_byte_and_the_port_is_set() {
    EnvFileEdit e = EnvFileEdit.of("A=1\r\n# T3_PORT=1\nT3_PORT=9999\nB=\"x y\"", T3, List.of());
    assertEquals("A=1\r\n# T3_PORT=1\nT3_PORT=3773\nB=\"x y\"", e.content());
    assertTrue(e.movesAPort(), "9999 -> 3773 is a move");
    assertTrue(e.describe().contains("T3_PORT 9999 -> 3773 (MOVES A PORT)"), e.describe());
  }

  @Test
  void a_line_that_already_gives_the_port_is_left_as_it_is_so_nothing_is_rewritten() {
    for (String current :
        List.of("T3_PORT=3773\r\n", "  export T3_PORT=\"3773\"\n", "T3_PORT = 3773\n# note\n")) {
      EnvFileEdit e = EnvFileEdit.of(current, T3, List.of());
      assertFalse(e.rewritten(), current);
      assertEquals(current, e.content());
      assertEquals("T3_PORT=3773 (kept)", e.describe());
    }
  }

  @Test
  void a_new_key_is_appended_on_its_own_line_even_after_a_last_line_without_newline() {
    assertEquals("A=1\nT3_PORT=3773\n", EnvFileEdit.of("A=1", T3, List.of()).content());
    assertEquals("T3_PORT=3773\n", EnvFileEdit.of("", T3, List.of()).content());
    assertTrue(EnvFileEdit.of("", T3, List.of()).describe().contains("T3_PORT=3773 (new)"));
  }

  @Test
  void stripped_keys_lose_every_line_and_the_description_never_shows_their_value() {
    EnvFileEdit e =
        EnvFileEdit.of(
            "T3_PORT=3773\nCLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-secret\r\n"
                + "# CLAUDE_CODE_OAUTH_TOKEN=kept-comment\nexport CLAUDE_CODE_OAUTH_TOKEN=again\n",
            T3,
            List.of("CLAUDE_CODE_OAUTH_TOKEN"));
    assertEquals("T3_PORT=3773\n# CLAUDE_CODE_OAUTH_TOKEN=kept-comment\n", e.content());
    assertEquals(Map.of("CLAUDE_CODE_OAUTH_TOKEN", 2), e.stripped());
    assertEquals("T3_PORT=3773 (kept); strips CLAUDE_CODE_OAUTH_TOKEN (2 lines)", e.describe());
    assertFalse(e.describe().contains("secret"));
  }

  @Test
  void two_pools_sharing_one_file_each_set_their_own_key() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("T3_PORT", 3773);
    ports.put("WEB_PORT", 4000);
    assertEquals(
        "WEB_PORT=4000\nT3_PORT=3773\n",
        EnvFileEdit.of("WEB_PORT=4000\n", ports, List.of()).content());
  }
}
