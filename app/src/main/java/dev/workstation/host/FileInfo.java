package dev.workstation.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lstat} says about a path — never following a symlink (a user can point {@code ~/code}
 * or {@code ~/.kube} at {@code /etc}; root must see the link, not its target).
 */
public record FileInfo(Type type, int mode, int uid, int gid, long mtimeNanos) {

  public enum Type {
    DIRECTORY,
    FILE,
    SYMLINK,
    OTHER
  }

  public static Optional<FileInfo> lstat(Path path) {
    try {
      Map<String, Object> a =
          Files.readAttributes(
              path, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      int fmt = mode & 0170000;
      Type type =
          switch (fmt) {
            case 0040000 -> Type.DIRECTORY;
            case 0100000 -> Type.FILE;
            case 0120000 -> Type.SYMLINK;
            default -> Type.OTHER;
          };
      long mtime =
          ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime"))
              .to(java.util.concurrent.TimeUnit.NANOSECONDS);
      return Optional.of(
          new FileInfo(type, mode & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"), mtime));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot lstat " + path + ": " + e.getMessage(), e);
    }
  }

  public boolean isDirectory() {
    return type == Type.DIRECTORY;
  }
}
