package dev.workstation.metrics;

import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Dirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus text exposition for node_exporter's textfile collector, written atomically (a scrape
 * never sees half a file). Every name is prefixed {@code workstation_}.
 */
public final class TextfileMetrics {
  /** One sample line of the Prometheus text format: name, optional labels, a number. */
  public static final java.util.regex.Pattern SAMPLE =
      java.util.regex.Pattern.compile(
          "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? -?[0-9.eE+-]+");

  private final StringBuilder out = new StringBuilder();
  private final Map<String, Boolean> declared = new TreeMap<>();

  public TextfileMetrics gauge(String name, String help, Map<String, String> labels, double value) {
    return sample("gauge", name, help, labels, value);
  }

  /**
   * A count that only grows while its source lives ({@code _total}); a reset (the source started
   * again) is what Prometheus' {@code increase()} allows for.
   */
  public TextfileMetrics counter(
      String name, String help, Map<String, String> labels, double value) {
    return sample("counter", name, help, labels, value);
  }

  private TextfileMetrics sample(
      String type, String name, String help, Map<String, String> labels, double value) {
    String full = "workstation_" + name;
    if (declared.putIfAbsent(full, true) == null) {
      out.append("# HELP ").append(full).append(' ').append(help.replace("\n", " ")).append('\n');
      out.append("# TYPE ").append(full).append(' ').append(type).append('\n');
    }
    out.append(full);
    if (!labels.isEmpty()) {
      out.append('{');
      int i = 0;
      for (var e : new TreeMap<>(labels).entrySet()) {
        out.append(i++ == 0 ? "" : ",")
            .append(e.getKey())
            .append("=\"")
            .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
            .append('"');
      }
      out.append('}');
    }
    out.append(' ')
        .append(
            value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString((long) value)
                : Double.toString(value))
        .append('\n');
    return this;
  }

  public String text() {
    return out.toString();
  }

  public void writeTo(Path dir) throws IOException {
    writeTo(dir, "workstation.prom");
  }

  /**
   * Writes {@code dir/file}: a job of its own (the membership sync) keeps its own file, which the
   * collector reads beside the reconcile's.
   */
  public void writeTo(Path dir, String file) throws IOException {
    Dirs.create(dir, Dirs.SHARED); // node_exporter, not root, reads it
    AtomicFiles.write(
        dir.resolve(file),
        text().getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-r--r--"));
  }
}
