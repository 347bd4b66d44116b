package dev.workstation.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Removes a root-owned file without following a link: its directory is opened with {@code
 * O_NOFOLLOW} and must be root's alone (owned by root, writable by nobody else), the entry is
 * looked at through that descriptor and must be root's and not a directory, and it is unlinked
 * relative to the descriptor ({@code unlinkat}). A symlink at the path is removed itself, never its
 * target; in a directory only root can write, nothing can be swapped in between the look and the
 * unlink.
 */
public final class RootFileRemoval {
  private static final int ENOENT = 2;

  private RootFileRemoval() {}

  /**
   * Removes {@code path}; nothing there (or no directory) is fine.
   *
   * @return whether something was removed
   * @throws IOException naming the path and why when it, or its directory, is not root's alone, or
   *     it is a directory
   */
  public static boolean remove(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    String name = path.getFileName().toString();
    int dir;
    try {
      dir = NoFollow.openRaw(parent, Libc.O_RDONLY | Libc.O_DIRECTORY);
    } catch (NoFollow.OpenFailed e) {
      if (e.errno() == ENOENT) {
        return false;
      }
      throw new IOException(parent + " " + e.reason() + "; " + name + " not removed");
    }
    try {
      Path self = Path.of("/proc/self/fd", Integer.toString(dir));
      FileInfo d = FileInfo.follow(self).orElseThrow(() -> new IOException(parent + " is gone"));
      if (d.uid() != 0 || (d.mode() & 0022) != 0) {
        throw new IOException(
            parent
                + " is not root's alone (owner uid "
                + d.uid()
                + ", mode "
                + Integer.toOctalString(d.mode())
                + "); "
                + name
                + " not removed");
      }
      Optional<FileInfo> f = FileInfo.lstat(self.resolve(name));
      if (f.isEmpty()) {
        return false;
      }
      if (f.get().isDirectory()) {
        throw new IOException(path + " is a directory; not removed");
      }
      if (f.get().uid() != 0) {
        throw new IOException(
            path + " belongs to uid " + f.get().uid() + ", not root; not removed");
      }
      try {
        Libc.C.unlinkat(dir, name, 0);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ENOENT) {
          return false;
        }
        throw new IOException("cannot remove " + path + ": errno " + e.getErrorCode());
      }
      Libc.C.fsync(dir); // the removal survives a crash right after the run
      return true;
    } finally {
      Libc.C.close(dir);
    }
  }
}
