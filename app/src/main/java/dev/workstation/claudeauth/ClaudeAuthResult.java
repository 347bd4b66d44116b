package dev.workstation.claudeauth;

import dev.workstation.input.JsonFields;
import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run of {@code claude-auth sync} recorded in {@link ClaudeAuthPaths#RESULT}: when it
 * finished, how ({@link Outcome}), one line saying what happened (never a token), and the last time
 * any run succeeded. The job writes it; root reads it as hostile input (the user owns the file and
 * may write anything there) with {@link #parse}: strict JSON, every field of its type and bound, no
 * other field.
 *
 * <pre>{"version": 1, "finished": 1764000000, "outcome": "backed-up", "ok": true,
 *  "message": "…", "last_success": 1764000000}</pre>
 */
public record ClaudeAuthResult(
    Instant finished, Outcome outcome, String message, Optional<Instant> lastSuccess) {
  public static final int VERSION = 1;

  /** The most a result file may hold; more is not a result. */
  public static final int CAP = 16 * 1024;

  /** The longest message kept. */
  public static final int MESSAGE = 1024;

  public ClaudeAuthResult {
    message = message.length() > MESSAGE ? message.substring(0, MESSAGE) : message;
  }

  public boolean ok() {
    return outcome.ok();
  }

  /** This run's result, carrying the last success forward (or making this one it). */
  public static ClaudeAuthResult of(
      Instant finished, Outcome outcome, String message, Optional<Instant> previousSuccess) {
    return new ClaudeAuthResult(
        finished, outcome, message, outcome.ok() ? Optional.of(finished) : previousSuccess);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("finished", finished.getEpochSecond());
    m.put("outcome", outcome.word());
    m.put("ok", ok());
    m.put("message", message);
    m.put("last_success", lastSuccess.map(Instant::getEpochSecond));
    return m;
  }

  public String toJson() {
    return Json.write(toMap());
  }

  /** A result file that is not one: the reason names the file and the field, never a value. */
  public static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message);
    }
  }

  /** Reads {@code bytes} strictly; {@link Invalid} says why it is not a result. */
  public static ClaudeAuthResult parse(String where, byte[] bytes) {
    if (bytes.length > CAP) {
      throw new Invalid(where + ": larger than " + CAP + " bytes");
    }
    Object parsed;
    try {
      parsed =
          StrictJson.parse(
              StandardCharsets.UTF_8
                  .newDecoder()
                  .decode(java.nio.ByteBuffer.wrap(bytes))
                  .toString());
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      throw new Invalid(where + ": not JSON (" + e.getMessage() + ")");
    }
    JsonFields f = JsonFields.of(where, parsed, Invalid::new);
    if (f.number("version", VERSION, VERSION) != VERSION) {
      throw f.error("version", "is not " + VERSION);
    }
    Instant finished = Instant.ofEpochSecond(f.number("finished", 0, 1L << 40));
    Set<String> words = Set.copyOf(Arrays.stream(Outcome.values()).map(Outcome::word).toList());
    Outcome outcome = Outcome.parse(f.oneOf("outcome", words)).orElseThrow();
    if (f.bool("ok") != outcome.ok()) {
      throw f.error("ok", "contradicts the outcome");
    }
    String message = f.text("message", MESSAGE);
    Optional<Instant> last = Optional.empty();
    if (f.has("last_success")) {
      last = Optional.of(Instant.ofEpochSecond(f.number("last_success", 0, 1L << 40)));
    } else {
      f.optText("last_success"); // present as null, or absent: no success yet
    }
    f.end();
    return new ClaudeAuthResult(finished, outcome, message, last);
  }
}
