package dev.workstation.worker;

import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of a worker: a process already running as the user (uid, gid, groups, clean
 * environment — dropped by {@code setpriv} before this JVM started). Reads one JSON request on
 * stdin, writes one JSON response on stdout. Never prints a secret: responses carry outcomes and
 * redacted URLs only.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Map<String, Object> response = new LinkedHashMap<>();
    try {
      String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, Object> req = object(StrictJson.parse(input));
      Path home = Path.of(System.getProperty("user.home"));
      response.put("ok", true);
      response.put("result", WorkerOps.run(home, req));
    } catch (Exception e) {
      response.put("ok", false);
      response.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    out.print(Json.write(response));
    out.flush();
    System.exit(0); // freshen threads stuck on a silent remote must not keep us alive
  }

  /**
   * Root and its workers speak strict JSON written by {@link Json}: read with the small strict
   * parser, not the YAML loader (which would cost every worker its start-up).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object parsed) {
    if (!(parsed instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, Object>) parsed;
  }
}
