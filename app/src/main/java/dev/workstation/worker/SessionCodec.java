package dev.workstation.worker;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import dev.workstation.input.JsonFields;
import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON bodies of the session service ({@code freshen.SessionService}), read as strictly as the
 * worker protocol ({@link WorkerCodec}) with the same outcome records: a session's answer ({@code
 * {"outcomes":[{repo,outcome,ms}],"links":[…]}}, repos under the caller's home) and root's freshen
 * of everyone ({@code {"reports":[{user,repo,outcome,ms}]}}). A body that does not decode is a
 * {@link WorkerProtocolException}; the caller then does the work itself.
 */
public final class SessionCodec {
  private SessionCodec() {}

  /** What the service did for one caller: their clones' outcomes and the links it changed. */
  public record SessionAnswer(List<Freshener.Outcome> outcomes, List<String> links) {}

  /** One clone's outcome for one user, in root's freshen of everyone. */
  public record UserOutcome(String user, Freshener.Outcome outcome) {}

  /** A user name as the roster allows one. */
  static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,63}");

  public static String encodeSession(SessionAnswer answer) {
    Map<String, Object> m =
        new LinkedHashMap<>(ReplyCodec.write(new WorkerReply.Freshened(answer.outcomes())));
    m.put("links", answer.links());
    return Json.write(m) + "\n";
  }

  public static SessionAnswer decodeSession(String text) {
    JsonFields f = fields("session answer", text);
    List<Freshener.Outcome> outcomes = ReplyCodec.outcomes(f);
    List<String> links = f.texts("links");
    f.end();
    return new SessionAnswer(outcomes, links);
  }

  public static String encodeReports(List<UserOutcome> reports) {
    List<Object> list = new ArrayList<>();
    for (UserOutcome r : reports) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("user", r.user());
      e.put("repo", r.outcome().repo());
      e.put("outcome", r.outcome().outcome().text());
      e.put("ms", r.outcome().millis());
      list.add(e);
    }
    return Json.write(Map.of("reports", list)) + "\n";
  }

  public static List<UserOutcome> decodeReports(String text) {
    JsonFields f = fields("freshen answer", text);
    List<UserOutcome> out = new ArrayList<>();
    for (JsonFields o : f.objects("reports")) {
      String user = o.text("user", 64);
      if (!USER.matcher(user).matches()) {
        throw o.error("user", "is not a user name");
      }
      String repo = o.text("repo");
      if (!repo.equals("*") && !ReplyCodec.CLONE_PATH.matcher(repo).matches()) {
        throw o.error("repo", "is not a clone path under the home");
      }
      FreshenOutcome outcome =
          FreshenOutcome.parse(o.text("outcome"))
              .orElseThrow(() -> o.error("outcome", "is not an outcome"));
      out.add(
          new UserOutcome(
              user, new Freshener.Outcome(repo, outcome, o.number("ms", 0, Long.MAX_VALUE))));
      o.end();
    }
    f.end();
    return out;
  }

  private static JsonFields fields(String where, String text) {
    Object parsed;
    try {
      parsed = StrictJson.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new WorkerProtocolException(where + ": not JSON (" + e.getMessage() + ")");
    }
    return JsonFields.of(where, parsed, WorkerProtocolException::new);
  }
}
