package dev.workstation.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Dirs} and {@link AtomicFiles#write} set the mode the code names (the umask itself is
 * exercised where it can be set, in {@code UmaskIT}: a JVM cannot change its own).
 */
class DirsTest {
  @TempDir Path tmp;

  static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void each_missing_directory_gets_the_mode_and_an_existing_one_is_left_alone() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    Dirs.create(tmp.resolve("a/b/c"), Dirs.SHARED);
    assertEquals("rwx--x--x", mode(tmp), "existing: not the helper's to change");
    assertEquals("rwxr-xr-x", mode(tmp.resolve("a")));
    assertEquals("rwxr-xr-x", mode(tmp.resolve("a/b/c")));

    Dirs.create(tmp.resolve("a/b/c"), Dirs.PRIVATE);
    assertEquals("rwxr-xr-x", mode(tmp.resolve("a/b/c")), "create never narrows what exists");
    Dirs.ensure(tmp.resolve("a/b/c"), Dirs.PRIVATE);
    assertEquals("rwx------", mode(tmp.resolve("a/b/c")), "ensure sets it");
  }

  @Test
  void a_file_in_the_way_fails_and_a_symlink_is_never_chmodded_through() throws Exception {
    Files.writeString(tmp.resolve("f"), "x");
    assertThrows(IOException.class, () -> Dirs.create(tmp.resolve("f/d"), Dirs.SHARED));
    Path target = Files.createDirectory(tmp.resolve("target"));
    Files.setPosixFilePermissions(target, Dirs.PRIVATE);
    Files.createSymbolicLink(tmp.resolve("link"), target);
    assertThrows(IOException.class, () -> Dirs.chmod(tmp.resolve("link"), Dirs.SHARED));
    assertEquals("rwx------", mode(target));
  }

  @Test
  void an_atomic_write_ends_with_exactly_its_mode() throws Exception {
    for (String m : new String[] {"rw-r--r--", "rw-------", "r--------", "rwxr-xr-x"}) {
      Path f = tmp.resolve("file-" + m);
      AtomicFiles.write(
          f, "x".getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString(m));
      assertEquals(m, mode(f));
      assertEquals("x", Files.readString(f));
    }
    assertEquals(
        PosixFilePermissions.fromString("rw-------"),
        AtomicFiles.ownerOnly(PosixFilePermissions.fromString("rw-r--r--")),
        "the temp file is made owner-only");
  }
}
