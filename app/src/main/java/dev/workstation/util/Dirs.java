package dev.workstation.util;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Directories with the mode the code names, whatever the process umask: the services run with
 * {@code UMask=0077}, an admin's shell with 0022, and a directory others must traverse (the managed
 * settings', the metrics collector's, a unit drop-in's) or must not (root's state) comes out the
 * same under both. Each missing directory is made owner-only and then set to its mode through a
 * no-follow descriptor, so it is never wider than its mode, not even for an instant; a directory
 * that already exists is left as the admin or the package made it.
 */
public final class Dirs {
  /** Root's, traversable and listable by everyone: what a reader of another uid must reach. */
  public static final Set<PosixFilePermission> SHARED =
      PosixFilePermissions.fromString("rwxr-xr-x");

  /** Root's alone. */
  public static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  private static final Set<PosixFilePermission> MADE = PRIVATE;

  private Dirs() {}

  /** {@code mkdir -p dir}, each directory it makes set to {@code mode}; returns {@code dir}. */
  public static Path create(Path dir, Set<PosixFilePermission> mode) throws IOException {
    Path abs = dir.toAbsolutePath();
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(MADE));
      } catch (FileAlreadyExistsException e) {
        if (Files.isDirectory(p)) {
          continue; // made meanwhile by someone else: theirs to set
        }
        throw e;
      }
      chmod(p, mode);
    }
    return dir;
  }

  /**
   * {@code dir} made with {@code mode} if missing, and set to {@code mode} if it exists (root's own
   * directories whose mode is part of the contract, e.g. 0700 state).
   */
  public static Path ensure(Path dir, Set<PosixFilePermission> mode) throws IOException {
    create(dir, mode);
    chmod(dir, mode);
    return dir;
  }

  /** chmod through a descriptor opened without following a symlink ({@code fchmod}). */
  public static void chmod(Path p, Set<PosixFilePermission> mode) throws IOException {
    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setPermissions(mode);
  }
}
