package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The removal port on a real filesystem: only a root file in a directory root's alone goes. */
class RootFileRemovalTest {
  @TempDir Path tmp;
  Path dir;

  @BeforeEach
  void rootsAlone() throws IOException {
    assumeTrue(Nss.isRoot(), "removal checks root's ownership: run as root (CI does)");
    dir = Files.createDirectory(tmp.resolve("etc"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void a_root_file_is_removed_and_nothing_there_is_fine() throws Exception {
    Path f = Files.writeString(dir.resolve("50.conf"), "[Slice]\n");
    assertTrue(RootFileRemoval.remove(f));
    assertFalse(Files.exists(f));
    assertFalse(RootFileRemoval.remove(f), "already gone");
    assertFalse(RootFileRemoval.remove(dir.resolve("none.d").resolve("x.conf")), "no directory");
  }

  @Test
  void a_symlink_is_removed_itself_and_its_target_is_left() throws Exception {
    Path target = Files.writeString(tmp.resolve("target"), "keep\n");
    Path link = Files.createSymbolicLink(dir.resolve("50.conf"), target);
    assertTrue(RootFileRemoval.remove(link));
    assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.exists(target));
  }

  @Test
  void a_directory_is_refused() throws Exception {
    Path d = Files.createDirectory(dir.resolve("50.conf"));
    assertThrows(IOException.class, () -> RootFileRemoval.remove(d));
    assertTrue(Files.isDirectory(d));
  }

  @Test
  void a_file_someone_else_owns_is_refused() throws Exception {
    Path f = Files.writeString(dir.resolve("50.conf"), "x\n");
    Files.getFileAttributeView(f, java.nio.file.attribute.PosixFileAttributeView.class)
        .setOwner(
            f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    IOException e = assertThrows(IOException.class, () -> RootFileRemoval.remove(f));
    assertTrue(e.getMessage().contains("not root"), e.getMessage());
    assertTrue(Files.exists(f));
  }

  @Test
  void a_file_in_a_directory_others_can_write_is_refused() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path f = Files.writeString(dir.resolve("50.conf"), "x\n");
    IOException e = assertThrows(IOException.class, () -> RootFileRemoval.remove(f));
    assertTrue(e.getMessage().contains("not root's alone"), e.getMessage());
    assertTrue(Files.exists(f));
  }

  @Test
  void a_directory_that_is_a_symlink_is_not_followed() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path f = Files.writeString(real.resolve("50.conf"), "x\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.d"), real);
    assertThrows(IOException.class, () -> RootFileRemoval.remove(link.resolve("50.conf")));
    assertTrue(Files.exists(f));
  }
}
