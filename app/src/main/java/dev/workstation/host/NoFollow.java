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
      return Libc.C.open(
          path.toString(),
          flags | Libc.O_NOFOLLOW | Libc.O_CLOEXEC,
          0600); // mode used only on create
    } catch (LastErrorException e) {
      String why =
          e.getErrorCode() == 40
              ? "is a symlink (not followed)"
              : e.getErrorCode() == 20 ? "is not a directory" : "errno " + e.getErrorCode();
      throw new IOException(path + " " + why);
    }
  }
}
