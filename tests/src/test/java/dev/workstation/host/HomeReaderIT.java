package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.util.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Root's guarded reads inside a home, against the attacks a user can stage in their own home:
 * symlinks at every level, a FIFO where a file should be, a hard link to a file they do not own, a
 * huge file. Runs as root on a temp dir owned by an unused uid (no account needed).
 */
class HomeReaderIT {
  static final int UID = 4_000_017;

  Path home;
  Path outside;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "needs root (to own files as a user)");
    home = Files.createTempDirectory("home-reader-");
    outside = Files.createTempDirectory("home-reader-outside-");
    Files.writeString(outside.resolve("secret"), "root's secret\n");
    Files.createDirectories(home.resolve("code/infra/.git/refs"));
    Files.writeString(home.resolve("code/infra/.git/HEAD"), "ref: refs/heads/master\n");
    Files.createSymbolicLink(home.resolve("code/linked"), outside);
    Files.createSymbolicLink(
        home.resolve("code/infra/.git/packed-refs"), outside.resolve("secret"));
    Files.createLink(home.resolve("code/infra/.git/hardlinked"), outside.resolve("secret"));
    run("mkfifo", home.resolve("code/infra/.git/fifo").toString());
    Files.write(home.resolve("big"), new byte[100_000]);
    run("chown", "-R", "-h", UID + ":" + UID, home.toString());
    run("chown", "0:0", outside.resolve("secret").toString()); // the hard link shares its owner
  }

  @AfterEach
  void tearDown() throws Exception {
    if (home != null) {
      FileTrees.delete(home);
      FileTrees.delete(outside);
    }
  }

  static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv));
  }

  @Test
  void a_regular_file_the_user_owns_is_read_and_an_absent_one_is_empty() throws Exception {
    try (HomeReader r = HomeReader.open(home, UID)) {
      assertArrayEquals(
          "ref: refs/heads/master\n".getBytes(StandardCharsets.UTF_8),
          r.read("code/infra/.git/HEAD", 4096).orElseThrow());
      assertEquals(Optional.empty(), r.read("code/infra/.git/config", 4096));
      assertEquals(Optional.empty(), r.read("nothing/here/at/all", 4096));
      Map<String, Boolean> code = r.list("code").orElseThrow();
      assertEquals(Boolean.TRUE, code.get("infra"));
      assertEquals(Boolean.FALSE, code.get("linked"), "a symlink is never a directory");
    }
  }

  @Test
  void a_symlink_anywhere_on_the_path_is_refused_not_followed() throws Exception {
    try (HomeReader r = HomeReader.open(home, UID)) {
      IOException last =
          assertThrows(IOException.class, () -> r.read("code/infra/.git/packed-refs", 4096));
      assertTrue(last.getMessage().contains("symlink"), last.getMessage());
      IOException middle =
          assertThrows(IOException.class, () -> r.read("code/linked/secret", 4096));
      assertTrue(middle.getMessage().contains("symlink"), middle.getMessage());
      assertThrows(IOException.class, () -> r.list("code/linked"));
    }
    Path linkedHome = Files.createTempDirectory("home-reader-link-");
    Files.delete(linkedHome);
    Files.createSymbolicLink(linkedHome, home);
    try {
      assertThrows(IOException.class, () -> HomeReader.open(linkedHome, UID));
    } finally {
      Files.delete(linkedHome);
    }
  }

  @Test
  void a_fifo_is_refused_without_blocking() throws Exception {
    long start = System.nanoTime();
    try (HomeReader r = HomeReader.open(home, UID)) {
      IOException e = assertThrows(IOException.class, () -> r.read("code/infra/.git/fifo", 4096));
      assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "never blocked");
  }

  @Test
  void a_hard_link_to_a_file_the_user_does_not_own_is_refused() throws Exception {
    try (HomeReader r = HomeReader.open(home, UID)) {
      IOException e =
          assertThrows(IOException.class, () -> r.read("code/infra/.git/hardlinked", 4096));
      assertTrue(e.getMessage().contains("owned by uid 0"), e.getMessage());
    }
  }

  @Test
  void a_file_over_the_cap_is_refused_and_a_home_of_someone_else_is_not_opened() throws Exception {
    try (HomeReader r = HomeReader.open(home, UID)) {
      IOException e = assertThrows(IOException.class, () -> r.read("big", 65536));
      assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }
    assertThrows(IOException.class, () -> HomeReader.open(home, UID + 1));
  }
}
