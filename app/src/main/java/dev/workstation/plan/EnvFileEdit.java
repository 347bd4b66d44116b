package dev.workstation.plan;

import dev.workstation.derive.PortFiles;
import dev.workstation.roster.EnvLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One edit of a user's env file: each pool key set to its sticky port, the {@code env_strip} keys'
 * lines removed, every other line kept byte for byte (comments, CRLF endings, the site's own keys).
 * A line that already gives a key its port is kept as it is, so a converged file is never
 * rewritten. Pure.
 *
 * @param content the file as it should be
 * @param ports what happens to each port key, in pool order
 * @param stripped how many lines each stripped key had (keys that had none are absent)
 */
public record EnvFileEdit(
    String content, List<PortChange> ports, Map<String, Integer> stripped, boolean rewritten) {

  /** A key's port before and after: a move when it had another one. */
  public record PortChange(String key, OptionalInt was, int port) {
    public boolean moved() {
      return was.isPresent() && was.getAsInt() != port;
    }

    public boolean fresh() {
      return was.isEmpty();
    }

    String describe() {
      if (fresh()) {
        return key + "=" + port + " (new)";
      }
      return moved()
          ? key + " " + was.getAsInt() + " -> " + port + " (MOVES A PORT)"
          : key + "=" + port + " (kept)";
    }
  }

  /**
   * @param ports key → port, in the order new keys are appended
   * @param strip keys whose lines are removed
   */
  public static EnvFileEdit of(
      String current, Map<String, Integer> ports, Collection<String> strip) {
    StringBuilder out = new StringBuilder();
    Set<String> seen = new HashSet<>();
    Map<String, Integer> stripped = new LinkedHashMap<>();
    int from = 0;
    while (from < current.length()) {
      int nl = current.indexOf('\n', from);
      int end = nl < 0 ? current.length() : nl + 1;
      String line = current.substring(from, end);
      from = end;
      String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
      String key = EnvLine.key(body);
      if (key != null && strip.contains(key)) {
        stripped.merge(key, 1, Integer::sum);
      } else if (key != null && ports.containsKey(key)) {
        seen.add(key);
        String want = Integer.toString(ports.get(key));
        if (want.equals(EnvLine.valueOf(body, key))) {
          out.append(line);
        } else {
          // keep the line's own ending (CRLF stays CRLF)
          out.append(key).append('=').append(want);
          out.append(body.endsWith("\r") ? "\r" : "").append(line.endsWith("\n") ? "\n" : "");
        }
      } else {
        out.append(line);
      }
    }
    for (Map.Entry<String, Integer> p : ports.entrySet()) {
      if (!seen.contains(p.getKey())) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
          out.append('\n'); // never glue a new key onto a last line without its newline
        }
        out.append(p.getKey()).append('=').append(p.getValue()).append('\n');
      }
    }
    List<PortChange> changes = new ArrayList<>();
    ports.forEach((k, port) -> changes.add(new PortChange(k, PortFiles.port(current, k), port)));
    String content = out.toString();
    return new EnvFileEdit(content, changes, stripped, !content.equals(current));
  }

  /** One line for plan and logs: what the edit does. Key names only, never a stripped value. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (PortChange c : ports) {
      parts.add(c.describe());
    }
    stripped.forEach(
        (k, n) -> parts.add("strips " + k + " (" + n + (n == 1 ? " line" : " lines") + ")"));
    return String.join("; ", parts);
  }

  public boolean movesAPort() {
    return ports.stream().anyMatch(PortChange::moved);
  }
}
