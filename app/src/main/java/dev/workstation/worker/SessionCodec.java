package dev.workstation.worker;

import dev.workstation.git.Freshener;
import dev.workstation.input.JsonFields;
import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session service's protocol ({@code freshen.SessionService} ↔ {@code session.SessionClient}),
 * one JSON line each way: {@code {"op":"freshen"}}, answered by {@code
 * {"ok":true,"outcomes":[{repo,outcome,ms}]}} or {@code {"ok":false,"reason":…}}. Read as strictly
 * as the worker protocol ({@link WorkerCodec}), with the same outcome records.
 */
public final class SessionCodec {
  private SessionCodec() {}

  /** The one request there is. */
  public static String encodeRequest() {
    return "{\"op\":\"freshen\"}\n";
  }

  /** Whether {@code text} is that request and nothing else. */
  public static boolean isFreshenRequest(String text) {
    try {
      JsonFields f =
          JsonFields.of("session request", StrictJson.parse(text), WorkerProtocolException::new);
      boolean freshen = f.text("op", 64).equals("freshen");
      f.end();
      return freshen;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The service's answer: the user's outcomes (repos under the home), one line. */
  public static String encodeOutcomes(List<Freshener.Outcome> outcomes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", true);
    m.putAll(ReplyCodec.write(new WorkerReply.Freshened(outcomes)));
    return Json.write(m) + "\n";
  }

  /** The service's answer when it declines, with why. */
  public static String encodeDecline(String reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", false);
    m.put("reason", reason);
    return Json.write(m) + "\n";
  }

  /**
   * The outcomes the service sent, repos relative to the home ({@code code} or {@code
   * code/<name>}); empty when it declined. A malformed answer is a {@link WorkerProtocolException}.
   */
  public static Optional<List<Freshener.Outcome>> decodeReply(String text) {
    Object parsed;
    try {
      parsed = StrictJson.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new WorkerProtocolException("session reply: not JSON (" + e.getMessage() + ")");
    }
    JsonFields f = JsonFields.of("session reply", parsed, WorkerProtocolException::new);
    if (!f.bool("ok")) {
      f.text("reason");
      f.end();
      return Optional.empty();
    }
    List<Freshener.Outcome> out = ReplyCodec.outcomes(f);
    f.end();
    return Optional.of(out);
  }
}
