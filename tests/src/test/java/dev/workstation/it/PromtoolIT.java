package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in {@code docs/observability/} load in Prometheus ({@code promtool check rules})
 * and fire on the series that mean trouble while staying quiet on a healthy devvm ({@code promtool
 * test rules}). promtool comes from Debian's prometheus package, unpacked without installing it
 * (.ci/run does that and sets {@code PROMTOOL}); the metric names are also held to the code by
 * ObservabilityAssetsTest, which needs nothing installed.
 */
class PromtoolIT {
  static final Path DIR =
      Path.of(System.getProperty("workstation.repo", "..")).resolve("docs/observability");

  static Optional<Path> promtool() {
    String env = System.getenv("PROMTOOL");
    if (env != null && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).directory(DIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + ":\n" + out);
    return out;
  }

  @Test
  void the_alert_rules_load_and_fire_when_they_should() throws Exception {
    Optional<Path> promtool = promtool();
    assumeTrue(
        promtool.isPresent(),
        "needs promtool (PROMTOOL=…, or on PATH; .ci/run unpacks it from Debian's prometheus)");
    run(promtool.get().toString(), "check", "rules", "workstation-alerts.yml");
    run(promtool.get().toString(), "test", "rules", "workstation-alerts.test.yml");
  }
}
