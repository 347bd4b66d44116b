package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkout's {@code ./workstation} launcher, run the ways an admin runs it. */
class CheckoutLauncherIT {
  static final Path LAUNCHER =
      Path.of(System.getProperty("workstation.repo", "..")).resolve("workstation").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void a_symlink_to_the_launcher_finds_the_checkout_it_points_into() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("workstation"), LAUNCHER.normalize());
    ProcessBuilder pb = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    pb.directory(dir.toFile()); // not the checkout: the link must lead there by itself
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.startsWith("workstation "), out);
  }
}
