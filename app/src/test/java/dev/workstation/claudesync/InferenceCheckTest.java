package dev.workstation.claudesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceCheckTest {
  @TempDir Path home;

  @Test
  void the_word_counts_in_any_case_and_punctuation_and_nothing_else_does() {
    assertTrue(InferenceCheck.answered("pong"));
    assertTrue(InferenceCheck.answered("Pong.\n"));
    assertTrue(InferenceCheck.answered("**PONG**"));
    assertFalse(InferenceCheck.answered("ping-pongs"));
    assertFalse(InferenceCheck.answered("API Error: 401 {\"type\":\"authentication_error\"}"));
    assertFalse(InferenceCheck.answered(""));
  }

  /**
   * A stand-in {@code claude} in the home's {@code ~/.local/bin} (where Claude Code's installer
   * puts it, off a timer's PATH) answers from what it was given: the exact flags, the home as cwd,
   * nothing on stdin, and no other way to log in in its environment.
   */
  @Test
  void claude_is_asked_one_word_with_the_smallest_model_no_tools_and_no_session() throws Exception {
    Path bin = Files.createDirectories(home.resolve(".local/bin"));
    Path claude = bin.resolve("claude");
    Files.writeString(
        claude,
        "#!/bin/sh\n"
            + "[ \"$(pwd)\" = \"$HOME\" ] || exit 3\n"
            + "[ -z \"$(cat)\" ] || exit 4\n"
            + "[ -z \"$CLAUDE_CODE_OAUTH_TOKEN$ANTHROPIC_API_KEY\" ] || exit 5\n"
            + "[ \"$*\" = '-p --model haiku --max-turns 1 --tools  --strict-mcp-config"
            + " --no-session-persistence --output-format text Reply with exactly one word: pong' ]"
            + " || exit 6\n"
            + "[ \"$#\" = 12 ] || exit 7\n"
            + "echo Pong\n");
    Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwx------"));
    assertEquals(new CheckResult.Passed(), new InferenceCheck().run(home));
    Files.writeString(claude, "#!/bin/sh\necho 'API Error: 401'\nexit 1\n");
    assertEquals(new CheckResult.Failed("claude -p exited 1"), new InferenceCheck().run(home));
    Files.writeString(claude, "#!/bin/sh\necho 'I cannot help with that'\n");
    assertTrue(new InferenceCheck().run(home) instanceof CheckResult.Failed);
  }
}
