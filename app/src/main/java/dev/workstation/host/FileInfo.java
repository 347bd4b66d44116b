package dev.workstation.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code lstat} says about a path — never following a symlink (a user can point {@code ~/code}
 * or {@code ~/.kube} at {@code /etc}; root must see the link, not its target).
 */
public record FileInfo(Type type, int mode, int uid, int gid, long mtimeNanos) {

  public enum Type {
    DIRECTORY,
    FILE,
    SYMLINK,
    FIFO,
    SOCKET,
    DEVICE,
    OTHER;

    /** The type bits of a {@code st_mode}. */
    static Type of(int mode) {
      return switch (mode & 0170000) {
        case 0040000 -> DIRECTORY;
        case 0100000 -> FILE;
        case 0120000 -> SYMLINK;
        case 0010000 -> FIFO;
        case 0140000 -> SOCKET;
        case 0020000, 0060000 -> DEVICE;
        default -> OTHER;
      };
    }
  }

  /** {@code lstat}: a symlink is reported as itself. Empty when nothing is there. */
  public static Optional<FileInfo> lstat(Path path) {
    return stat(path, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * {@code stat}, following links: only for paths root itself made safe (an fd's {@code
   * /proc/self/fd} entry). Empty when nothing is there.
   */
  public static Optional<FileInfo> follow(Path path) {
    return stat(path);
  }

  private static Optional<FileInfo> stat(Path path, LinkOption... options) {
    try {
      Map<String, Object> a =
          Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime", options);
      int mode = number(a, "mode");
      long mtime =
          a.get("lastModifiedTime") instanceof FileTime t ? t.to(TimeUnit.NANOSECONDS) : 0L;
      return Optional.of(
          new FileInfo(Type.of(mode), mode & 07777, number(a, "uid"), number(a, "gid"), mtime));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + path + ": " + e.getMessage(), e);
    }
  }

  /** The JDK's {@code unix:} view gives each number as an Integer. */
  private static int number(Map<String, Object> a, String name) throws IOException {
    if (a.get(name) instanceof Integer i) {
      return i;
    }
    throw new IOException("the unix attribute view gave no " + name);
  }

  public boolean isDirectory() {
    return type == Type.DIRECTORY;
  }
}
