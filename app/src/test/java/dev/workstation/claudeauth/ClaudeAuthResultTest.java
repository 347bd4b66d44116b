package dev.workstation.claudeauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaudeAuthResultTest {
  static final Instant T = Instant.ofEpochSecond(1_764_000_000L);

  static ClaudeAuthResult parse(String json) {
    return ClaudeAuthResult.parse("claude-auth.json", json.getBytes(StandardCharsets.UTF_8));
  }

  static String refusal(String json) {
    return assertThrows(ClaudeAuthResult.Invalid.class, () -> parse(json)).getMessage();
  }

  @Test
  void a_result_round_trips_and_a_success_becomes_the_last_success() {
    ClaudeAuthResult ok = ClaudeAuthResult.of(T, Outcome.BACKED_UP, "backed up", Optional.empty());
    assertEquals(Optional.of(T), ok.lastSuccess());
    assertEquals(ok, parse(ok.toJson()));
    ClaudeAuthResult failed =
        ClaudeAuthResult.of(T.plusSeconds(60), Outcome.NO_BACKUP, "log in", ok.lastSuccess());
    assertEquals(Optional.of(T), failed.lastSuccess(), "a failure carries the last success on");
    assertEquals(failed, parse(failed.toJson()));
    ClaudeAuthResult never =
        ClaudeAuthResult.of(T, Outcome.NOT_CONFIGURED, "no token", Optional.empty());
    assertTrue(never.toJson().contains("\"last_success\": null"), never.toJson());
    assertEquals(never, parse(never.toJson()));
  }

  static final String GOOD =
      "{\"version\": 1, \"finished\": 1764000000, \"outcome\": \"restored\", \"ok\": true,"
          + " \"message\": \"m\", \"last_success\": 1764000000}";

  @Test
  void anything_but_the_format_is_refused_naming_the_field_and_never_the_value() {
    assertEquals(Outcome.RESTORED, parse(GOOD).outcome());
    assertTrue(refusal(GOOD.replace("}", ", \"evil\": \"x\"}")).contains("unexpected field"));
    assertTrue(refusal(GOOD.replace("\"restored\"", "\"pwned-SECRET\"")).contains("outcome"));
    assertFalse(refusal(GOOD.replace("\"restored\"", "\"pwned-SECRET\"")).contains("SECRET"));
    assertTrue(refusal(GOOD.replace("\"ok\": true", "\"ok\": false")).contains("contradicts"));
    assertTrue(refusal(GOOD.replace("\"version\": 1", "\"version\": 2")).contains("version"));
    assertTrue(refusal(GOOD.replace("1764000000,", "\"yesterday\",")).contains("finished"));
    assertTrue(refusal(GOOD.replace("\"m\"", "\"" + "x".repeat(2000) + "\"")).contains("message"));
    assertTrue(refusal(GOOD + "{}").contains("not JSON"));
    assertTrue(refusal("[1]").contains("expected a JSON object"));
    assertTrue(refusal("{\"a\": 1, \"a\": 2}").contains("not JSON"), "duplicate keys");
    assertTrue(refusal(" ".repeat(ClaudeAuthResult.CAP + 1)).contains("larger than"));
    byte[] notUtf8 = {'{', '"', (byte) 0xff, '"', '}'};
    assertThrows(ClaudeAuthResult.Invalid.class, () -> ClaudeAuthResult.parse("f", notUtf8));
  }
}
