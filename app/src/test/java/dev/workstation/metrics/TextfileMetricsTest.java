package dev.workstation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextfileMetricsTest {
  static final Pattern SAMPLE = TextfileMetrics.SAMPLE;

  @Test
  void output_parses_as_prometheus_text_with_help_and_type_once_per_name() {
    String text =
        new TextfileMetrics()
            .gauge("actions", "Actions.", Map.of("kind", "create-account", "result", "applied"), 3)
            .gauge("actions", "Actions.", Map.of("kind", "clone\"repo", "result", "failed"), 1)
            .gauge("last_run_duration_seconds", "Duration.", Map.of(), 1.25)
            .text();
    for (String line : text.split("\n")) {
      assertTrue(
          line.startsWith("# HELP ")
              || line.startsWith("# TYPE ")
              || SAMPLE.matcher(line).matches(),
          line);
    }
    assertEquals(1, text.split("# TYPE workstation_actions gauge", -1).length - 1);
    assertTrue(
        text.contains("workstation_actions{kind=\"clone\\\"repo\",result=\"failed\"} 1"), text);
    assertTrue(text.contains("workstation_last_run_duration_seconds 1.25"));
  }
}
