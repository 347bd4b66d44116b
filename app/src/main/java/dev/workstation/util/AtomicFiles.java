package dev.workstation.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whole-file replacement that a reader never sees half-done: write a temp file beside the target,
 * fsync it, rename it over the target, fsync the directory. Keeps the target's permissions ({@link
 * #replace}) or sets the given mode ({@link #write}) whatever the process umask.
 */
public final class AtomicFiles {
  private static final java.util.concurrent.atomic.AtomicLong SEQUENCE =
      new java.util.concurrent.atomic.AtomicLong();

  /** 0600: a file of root's state that no one else reads. */
  public static final Set<PosixFilePermission> ROOT_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  public static void replace(Path target, String content) throws IOException {
    Set<PosixFilePermission> mode =
        Files.exists(target, LinkOption.NOFOLLOW_LINKS)
            ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)
            : PosixFilePermissions.fromString("rw-r--r--");
    write(target, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  public static void write(Path target, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    // unique per write, not per process: users' lanes write in parallel
    Path tmp =
        dir.resolve(
            "."
                + target.getFileName()
                + ".tmp-"
                + ProcessHandle.current().pid()
                + "-"
                + SEQUENCE.incrementAndGet());
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(ownerOnly(mode)))) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      // its mode, whatever the umask (a service's 0077 would leave a 0644 file 0600): made
      // owner-only, set to its mode here, and only then given its name
      Dirs.chmod(tmp, mode);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
      }
      fsyncDir(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@code mode} without the group's and others' bits: what the temp file is made with. */
  static Set<PosixFilePermission> ownerOnly(Set<PosixFilePermission> mode) {
    Set<PosixFilePermission> own = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : mode) {
      if (p.name().startsWith("OWNER_")) {
        own.add(p);
      }
    }
    return own;
  }

  static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some filesystems refuse fsync on a directory; the rename is still atomic
    }
  }
}
