package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main-job command: {@code workstation demo} runs the whole lifecycle and leaves the
 * host as it was — with git-crypt installed, and on a fresh machine without it.
 */
class DemoE2E {
  @TempDir Path dir;

  String demo(Map<String, String> env) throws Exception {
    Sandbox.assumeAvailable();
    Map<Path, String> before = Sandbox.hashes();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Sandbox.jar().toString(),
                "demo")
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("demo: every step did what it says."), out);
    assertTrue(out.contains("host /etc/passwd, group, shadow, gshadow byte-identical"), out);
    assertEquals(before, Sandbox.hashes());
    return out;
  }

  @Test
  void the_demo_runs_the_whole_lifecycle_and_the_host_is_untouched() throws Exception {
    String out = demo(Map.of());
    assertTrue(out.contains("  ok    emo's ~/code is a git-crypt-locked clone"), out);
  }

  @Test
  void without_git_crypt_the_demo_carries_on_says_its_secrets_are_plaintext_and_skips_that_check()
      throws Exception {
    String out = demo(Map.of("PATH", pathWithout("git-crypt").toString()));
    assertTrue(out.contains("plaintext (git-crypt not installed"), out);
    assertTrue(
        out.contains(
            "  skip  emo's ~/code is a git-crypt-locked clone: secrets stay ciphertext (skipped:"
                + " git-crypt is not installed"),
        out);
  }

  /** A PATH of links to everything on the usual one except {@code tool}: a machine without it. */
  Path pathWithout(String tool) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String d : new String[] {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin"}) {
      if (!Files.isDirectory(Path.of(d))) {
        continue;
      }
      try (var files = Files.list(Path.of(d))) {
        for (Path f : files.toList()) {
          Path link = bin.resolve(f.getFileName().toString());
          if (!f.getFileName().toString().equals(tool) && !Files.exists(link)) {
            Files.createSymbolicLink(link, f);
          }
        }
      }
    }
    return bin;
  }
}
