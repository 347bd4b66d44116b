package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GeneratedFilesTest {
  static final Path MAP = Path.of("/etc/ttyd-user-map");
  static final Path DISPATCH = Path.of("/etc/t3-serve/dispatch.json");

  @Test
  void a_map_with_the_same_entries_under_another_header_says_the_same() {
    String original =
        "# Generated from roster.yaml by roster_engine.py \u2014 DO NOT EDIT BY HAND.\n"
            + "# <authentik_user>=<os_user>; consumed by t3-dispatch.\n"
            + "vbarzin=wizard\nemil=emo\n\n";
    assertTrue(GeneratedFiles.sameContent(MAP, original, "# ours\nvbarzin=wizard\nemil=emo\n"));
  }

  @Test
  void other_entries_an_other_order_or_a_carriage_return_are_a_difference() {
    String ours = "# h\nvbarzin=wizard\nemil=emo\n";
    assertFalse(GeneratedFiles.sameContent(MAP, "vbarzin=wizard\n", ours));
    assertFalse(GeneratedFiles.sameContent(MAP, "emil=emo\nvbarzin=wizard\n", ours));
    assertFalse(GeneratedFiles.sameContent(MAP, "vbarzin=wizard\r\nemil=emo\r\n", ours));
  }

  @Test
  void dispatch_json_in_any_formatting_with_the_same_value_says_the_same() {
    String jqC =
        "{\"emil\":{\"os_user\":\"emo\",\"port\":3774},\"vbarzin\":{\"os_user\":\"wizard\",\"port\":3773}}\n";
    String pretty =
        "{\n  \"vbarzin\": {\"port\": 3773, \"os_user\": \"wizard\"},\n"
            + "  \"emil\": {\"os_user\": \"emo\", \"port\": 3774}\n}\n";
    assertTrue(GeneratedFiles.sameContent(DISPATCH, pretty, jqC));
    assertFalse(GeneratedFiles.sameContent(DISPATCH, pretty.replace("3774", "3775"), jqC));
    assertFalse(GeneratedFiles.sameContent(DISPATCH, "{not json", jqC));
  }
}
