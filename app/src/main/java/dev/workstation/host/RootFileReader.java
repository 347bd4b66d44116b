package dev.workstation.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Root's read of a root-owned file it manages (an env file, a map, the managed settings): what is
 * at the path is looked at without following a link and must be a regular file; it is then opened
 * {@code O_NOFOLLOW | O_NONBLOCK} and looked at again through the descriptor, so a link or a FIFO
 * swapped in between costs a refusal, never a followed link or a read that waits for a writer; at
 * most {@code cap} bytes are read.
 */
public final class RootFileReader {
  private static final int O_NONBLOCK = 04000;
  private static final int ENOENT = 2;
  private static final int ELOOP = 40;

  private RootFileReader() {}

  /** What is at a path: nothing, the file's bytes, or why it was not read. */
  public sealed interface Read {
    record Absent() implements Read {}

    record Bytes(byte[] bytes) implements Read {}

    /** Not read: {@code why} says what it is ("a symlink, not a regular file", "larger than …"). */
    record Refused(String why) implements Read {}
  }

  public static Read read(Path path, int cap) throws IOException {
    Optional<FileInfo> seen = FileInfo.lstat(path);
    if (seen.isEmpty()) {
      return new Read.Absent();
    }
    if (seen.get().type() != FileInfo.Type.FILE) {
      return notRegular(seen.get().type());
    }
    int fd;
    try {
      fd =
          Libc.C.open(
              path.toString(), Libc.O_RDONLY | O_NONBLOCK | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
    } catch (LastErrorException e) {
      return switch (e.getErrorCode()) {
        case ENOENT -> new Read.Absent();
        case ELOOP -> notRegular(FileInfo.Type.SYMLINK);
        default -> new Read.Refused("cannot be opened (errno " + e.getErrorCode() + ")");
      };
    }
    try {
      Path self = Path.of("/proc/self/fd", Integer.toString(fd));
      FileInfo opened = FileInfo.follow(self).orElseThrow(() -> new IOException(path + " is gone"));
      if (opened.type() != FileInfo.Type.FILE) {
        return notRegular(opened.type()); // swapped after the look: never read
      }
      try (InputStream in = Files.newInputStream(self)) {
        byte[] b = in.readNBytes(cap + 1);
        return b.length > cap
            ? new Read.Refused("larger than " + cap + " bytes")
            : new Read.Bytes(b);
      }
    } finally {
      Libc.C.close(fd);
    }
  }

  private static Read notRegular(FileInfo.Type type) {
    return new Read.Refused("a " + type.name().toLowerCase(Locale.ROOT) + ", not a regular file");
  }
}
