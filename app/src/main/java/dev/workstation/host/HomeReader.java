package dev.workstation.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Root's one way to read inside a user's home (SPEC §8.2): every path component is opened with
 * {@code O_NOFOLLOW} relative to the descriptor of its parent (through {@code /proc/self/fd}), so a
 * symlink anywhere — {@code ~/code} pointing at {@code /root}, a ref file linked to {@code
 * /etc/shadow} — is refused, not followed; a file is opened non-blocking and must be a regular file
 * owned by the user (a FIFO, socket or device, or a hard link to someone else's file, is refused),
 * and is read up to a size cap. It never writes.
 *
 * <p>Absent paths are {@link Optional#empty()}; anything refused is an {@link IOException} naming
 * the path and why, and callers treat it as "not understood" (the work then goes to the user's own
 * worker, which reads as the user).
 */
public final class HomeReader implements AutoCloseable {
  private static final int O_NONBLOCK = 04000;
  private static final int ENOENT = 2;

  private final Path home;
  private final int uid;
  private final int homeFd;

  private HomeReader(Path home, int uid, int homeFd) {
    this.home = home;
    this.uid = uid;
    this.homeFd = homeFd;
  }

  /** Opens {@code home} (which must be a directory owned by {@code uid}, not a symlink). */
  public static HomeReader open(Path home, int uid) throws IOException {
    int fd = NoFollow.open(home, Libc.O_RDONLY | Libc.O_DIRECTORY);
    HomeReader r = new HomeReader(home, uid, fd);
    try {
      r.checkOwner(fd, "");
      return r;
    } catch (IOException e) {
      r.close();
      throw e;
    }
  }

  /** Where this reader reads, for messages. */
  public Path home() {
    return home;
  }

  /**
   * The bytes of the regular file at {@code rel} (relative to the home, {@code /}-separated), at
   * most {@code max} of them; empty when it does not exist.
   */
  public Optional<byte[]> read(String rel, int max) throws IOException {
    Optional<Integer> fd = openPath(rel, Libc.O_RDONLY | O_NONBLOCK);
    if (fd.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path self = fdPath(fd.get());
      if (!Files.isRegularFile(self)) {
        throw new IOException(home.resolve(rel) + " is not a regular file; not read");
      }
      checkOwner(fd.get(), rel);
      try (InputStream in = Files.newInputStream(self)) {
        byte[] b = in.readNBytes(max + 1);
        if (b.length > max) {
          throw new IOException(home.resolve(rel) + " is larger than " + max + " bytes; not read");
        }
        return Optional.of(b);
      }
    } finally {
      Libc.C.close(fd.get());
    }
  }

  /**
   * The entries of the directory at {@code rel} ({@code ""} for the home), each with whether it is
   * a directory (a symlink never is); empty when it does not exist.
   */
  public Optional<Map<String, Boolean>> list(String rel) throws IOException {
    if (rel.isEmpty()) {
      return Optional.of(entries(homeFd));
    }
    Optional<Integer> fd = openPath(rel, Libc.O_RDONLY | Libc.O_DIRECTORY);
    if (fd.isEmpty()) {
      return Optional.empty();
    }
    try {
      checkOwner(fd.get(), rel);
      return Optional.of(entries(fd.get()));
    } finally {
      Libc.C.close(fd.get());
    }
  }

  /**
   * What {@code lstat} says of {@code rel} — never following it, its directory opened as {@link
   * #list} opens one — as one line that changes whenever the entry is replaced or (for a directory)
   * an entry in it is added, removed or renamed: type and mode, inode, modification and change
   * times. Empty when it does not exist. For deciding whether to look again, never to trust.
   */
  public Optional<String> stamp(String rel) throws IOException {
    int slash = rel.lastIndexOf('/');
    String name = rel.substring(slash + 1);
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("not a plain path: " + rel);
    }
    Optional<Integer> dir =
        slash < 0
            ? Optional.of(homeFd)
            : openPath(rel.substring(0, slash), Libc.O_RDONLY | Libc.O_DIRECTORY);
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    try {
      Map<String, Object> a =
          Files.readAttributes(
              fdPath(dir.get()).resolve(name),
              "unix:mode,ino,lastModifiedTime,ctime",
              LinkOption.NOFOLLOW_LINKS);
      return Optional.of(
          a.get("mode")
              + " "
              + a.get("ino")
              + " "
              + a.get("lastModifiedTime")
              + " "
              + a.get("ctime"));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } finally {
      if (dir.get() != homeFd) {
        Libc.C.close(dir.get());
      }
    }
  }

  private static Map<String, Boolean> entries(int dirFd) throws IOException {
    Map<String, Boolean> out = new LinkedHashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdPath(dirFd))) {
      for (Path p : entries) {
        out.put(p.getFileName().toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return out;
  }

  /** Opens {@code rel} one component at a time, never following a link; empty if absent. */
  private Optional<Integer> openPath(String rel, int lastFlags) throws IOException {
    if (rel.isEmpty() || rel.startsWith("/") || rel.contains("//")) {
      throw new IllegalArgumentException("not a relative path: " + rel);
    }
    String[] parts = rel.split("/");
    int dir = homeFd;
    try {
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
          throw new IllegalArgumentException("not a plain path: " + rel);
        }
        boolean last = i == parts.length - 1;
        int fd;
        try {
          fd =
              NoFollow.openRaw(
                  fdPath(dir).resolve(part), last ? lastFlags : Libc.O_RDONLY | Libc.O_DIRECTORY);
        } catch (NoFollow.OpenFailed e) {
          if (e.errno() == ENOENT) {
            return Optional.empty();
          }
          // O_DIRECTORY on a symlink says ENOTDIR: name what is really there
          String why =
              Files.isSymbolicLink(fdPath(dir).resolve(part))
                  ? "is a symlink (not followed)"
                  : e.reason();
          throw new IOException(
              home.resolve(String.join("/", java.util.Arrays.copyOf(parts, i + 1)))
                  + " "
                  + why
                  + "; not read");
        }
        if (!last) {
          try {
            checkOwner(fd, rel);
          } catch (IOException e) {
            Libc.C.close(fd);
            throw e;
          }
        }
        if (dir != homeFd) {
          Libc.C.close(dir);
        }
        dir = fd;
      }
      return Optional.of(dir);
    } catch (IOException | RuntimeException e) {
      if (dir != homeFd) {
        Libc.C.close(dir);
      }
      throw e;
    }
  }

  private void checkOwner(int fd, String rel) throws IOException {
    int owner =
        FileInfo.follow(fdPath(fd))
            .orElseThrow(() -> new IOException(home.resolve(rel) + " vanished while being read"))
            .uid();
    if (owner != uid) {
      throw new IOException(
          home.resolve(rel) + " is owned by uid " + owner + ", not the user; not read");
    }
  }

  private static Path fdPath(int fd) {
    return Path.of("/proc/self/fd", Integer.toString(fd));
  }

  @Override
  public void close() {
    Libc.C.close(homeFd);
  }
}
