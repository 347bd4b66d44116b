package dev.workstation.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Root-side file operations on paths inside a user's home that never follow a symlink: the path is
 * opened with {@code O_NOFOLLOW} and then changed through the descriptor, so a link planted between
 * a check and the change cannot redirect it.
 */
public final class NoFollow {
  private NoFollow() {}

  /** chmod a directory; fails if {@code dir} is a symlink or not a directory. */
  public static void chmodDirectory(Path dir, int mode) throws IOException {
    int fd = open(dir, Libc.O_RDONLY | Libc.O_DIRECTORY);
    try {
      Libc.C.fchmod(fd, mode);
    } catch (LastErrorException e) {
      throw new IOException("chmod " + dir + ": errno " + e.getErrorCode());
    } finally {
      Libc.C.close(fd);
    }
  }

  static int open(Path path, int flags) throws IOException {
    try {
      return openRaw(path, flags);
    } catch (OpenFailed e) {
      throw new IOException(path + " " + e.reason());
    }
  }

  /** An {@code open} that failed: the errno, and a reason fit for a message. */
  static final class OpenFailed extends IOException {
    private final int errno;

    OpenFailed(int errno) {
      super("errno " + errno);
      this.errno = errno;
    }

    int errno() {
      return errno;
    }

    String reason() {
      return switch (errno) {
        case 40 -> "is a symlink (not followed)";
        case 20 -> "is not a directory";
        case 2 -> "does not exist";
        default -> "cannot be opened (errno " + errno + ")";
      };
    }
  }

  /** {@code open(path, flags | O_NOFOLLOW | O_CLOEXEC)}: the descriptor, or the errno. */
  static int openRaw(Path path, int flags) throws OpenFailed {
    try {
      return Libc.C.open(
          path.toString(),
          flags | Libc.O_NOFOLLOW | Libc.O_CLOEXEC,
          0600); // mode used only on create
    } catch (LastErrorException e) {
      throw new OpenFailed(e.getErrorCode());
    }
  }
}
