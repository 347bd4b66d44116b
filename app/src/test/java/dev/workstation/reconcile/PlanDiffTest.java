package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDiffTest {
  @Test
  void a_changed_line_is_a_unified_hunk_with_context() throws Exception {
    assertEquals(
        List.of(
            "--- /etc/t3-serve/emo.env",
            "+++ /etc/t3-serve/emo.env (planned)",
            "@@ -1,3 +1,3 @@",
            " A=1",
            "-T3_PORT=3773",
            "+T3_PORT=3774",
            " B=2"),
        PlanDiff.diff(
            "/etc/t3-serve/emo.env", "A=1\nT3_PORT=3773\nB=2\n", "A=1\nT3_PORT=3774\nB=2\n"));
  }

  @Test
  void a_new_file_is_all_additions_and_a_removed_secret_shows_only_its_name() throws Exception {
    assertEquals(
        List.of("--- /dev/null", "+++ f (planned)", "@@ -0,0 +1 @@", "+x"),
        PlanDiff.diff("f", "", "x\n"));
    List<String> d =
        PlanDiff.diff(
            "e.env", "CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-abcdefghijklmnopq\nT=1\n", "T=1\n");
    assertEquals("-CLAUDE_CODE_OAUTH_TOKEN=<redacted>", d.get(3));
  }
}
