package dev.workstation.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doctor reads the bits a non-admin gets, so this holds on a real filesystem even as root. */
class ConfigBaseCheckTest {
  @TempDir Path dir;
  Path home;
  Path base;

  @BeforeEach
  void admin_home_with_a_base() throws Exception {
    chmod(dir, "rwxr-xr-x");
    home = Files.createDirectory(dir.resolve("wizard"));
    base = Files.createDirectories(home.resolve(".claude/rules"));
    Files.writeString(base.resolve("style.md"), "x\n");
    chmod(base.resolve("style.md"), "rw-r--r--");
    chmod(base, "rwxr-xr-x");
    base = home.resolve(".claude");
    chmod(base, "rwxr-xr-x");
  }

  static void chmod(Path p, String mode) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  @Test
  void an_admin_home_at_0700_keeps_every_non_admin_out_and_says_how_to_let_them_through()
      throws Exception {
    chmod(home, "rwx------");
    Optional<String> closed = ConfigBaseCheck.closed(base, List.of("rules", "hooks"));
    assertTrue(closed.isPresent());
    assertTrue(closed.get().startsWith(home + " is not searchable by a non-admin"), closed.get());
    assertTrue(closed.get().contains("\nchmod o+x " + home + " "), closed.get());
  }

  @Test
  void search_only_on_the_home_is_enough_and_an_unreadable_entry_is_named() throws Exception {
    chmod(home, "rwx--x--x");
    assertEquals(Optional.empty(), ConfigBaseCheck.closed(base, List.of("rules", "hooks")));
    chmod(base.resolve("rules/style.md"), "rw-------");
    Optional<String> closed = ConfigBaseCheck.closed(base, List.of("rules"));
    assertTrue(
        closed
            .orElseThrow()
            .startsWith("not readable by a non-admin: " + base.resolve("rules/style.md")),
        closed.get());
  }
}
