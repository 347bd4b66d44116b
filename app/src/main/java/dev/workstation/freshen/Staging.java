package dev.workstation.freshen;

import dev.workstation.util.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where root hands a user the objects their clone lacks: one directory per run under {@code
 * state_dir/staging} (root's, mode 0711: a user can open a file whose name they are given, and list
 * nothing), each bundle written by root, then given to its user and made readable by them only
 * (0400). Nothing is ever written into a home; the run's directory is removed at the end.
 */
final class Staging implements AutoCloseable {
  private final Path dir;
  private final AtomicInteger serial = new AtomicInteger();

  private Staging(Path dir) {
    this.dir = dir;
  }

  static Staging open(Path stateDir) throws IOException {
    Path root = stateDir.resolve("staging");
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    sweep(root);
    Path dir = Files.createTempDirectory(root, "run-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    return new Staging(dir);
  }

  /** Run directories a killed run left behind (older than a day: no run lasts that long). */
  private static void sweep(Path root) {
    long cutoff = System.currentTimeMillis() - java.util.concurrent.TimeUnit.DAYS.toMillis(1);
    try (var runs = Files.newDirectoryStream(root, "run-*")) {
      for (Path run : runs) {
        if (Files.getLastModifiedTime(run, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis()
            < cutoff) {
          FileTrees.delete(run);
        }
      }
    } catch (IOException e) {
      // best effort: a leftover costs disk space, never correctness
    }
  }

  /** A file written by {@code writer}, then owned by {@code user} and readable only by them. */
  Path write(String user, IoWriter writer) throws IOException {
    Path file = dir.resolve(serial.incrementAndGet() + ".bundle");
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      writer.write(out);
    }
    UserPrincipal owner =
        file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    Files.setOwner(file, owner);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    return file;
  }

  /** Writes to a stream. */
  @FunctionalInterface
  interface IoWriter {
    void write(OutputStream out) throws IOException;
  }

  @Override
  public void close() throws IOException {
    FileTrees.delete(dir);
  }
}
