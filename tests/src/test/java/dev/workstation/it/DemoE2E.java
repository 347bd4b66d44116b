package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's main-job command: {@code workstation demo} runs the whole lifecycle and leaves the
 * host as it was.
 */
class DemoE2E {

  @Test
  void the_demo_runs_the_whole_lifecycle_and_the_host_is_untouched() throws Exception {
    Sandbox.assumeAvailable();
    Map<Path, String> before = Sandbox.hashes();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Sandbox.jar().toString(),
                "demo")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("demo: every step did what it says."), out);
    assertTrue(out.contains("host /etc/passwd, group, shadow, gshadow byte-identical"), out);
    assertEquals(before, Sandbox.hashes());
  }
}
