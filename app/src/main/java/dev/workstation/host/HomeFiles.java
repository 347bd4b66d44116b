package dev.workstation.host;

import dev.workstation.util.Inert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way a file inside a home is read (SPEC §8.2). A home is hostile: its owner can put a
 * symlink, a FIFO, a socket, a device or a huge file wherever we expect a small file, at any
 * moment. So the path is looked at without following a link and must be a regular file (anything
 * else is refused with its kind and the path, escaped); it is opened without following a link; and
 * the open and the read happen on a helper thread that the caller waits for at most {@link
 * #BOUND_MS}, reading at most {@code cap} bytes — so a FIFO swapped in between the look and the
 * open costs a refusal, not a stalled run.
 *
 * <p>Why not {@code O_NONBLOCK} through JNA: these reads happen in the user's worker, and JNA
 * unpacks its native library into the user's {@code ~/.cache} on every start — a write into the
 * home on every run, and start-up time on the session-launch path. Root reads inside a home only
 * through {@link HomeReader} (freshen's reads; architecture.md, "Work inside homes").
 */
public final class HomeFiles {
  /** Enough for any config, credential store or marked file we read. */
  public static final int CAP = 1 << 20;

  /** How long an open plus read of one small file may take before it counts as a trap. */
  static final long BOUND_MS = 3_000;

  private HomeFiles() {}

  /**
   * A file refused because of what it is (a link, a FIFO, too large…): callers must not fall back
   * to another reader that would open it anyway.
   */
  public static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  /** {@code file}'s bytes; empty when there is nothing there. */
  public static Optional<byte[]> read(Path file, int cap) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!a.isRegularFile()) {
      throw refused(file, "is " + kind(file, a) + ", not a regular file");
    }
    if (a.size() > cap) {
      throw refused(file, "is larger than " + cap + " bytes");
    }
    CompletableFuture<byte[]> read = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (InputStream in =
                  Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                read.complete(in.readNBytes(cap + 1));
              } catch (IOException | RuntimeException e) {
                read.completeExceptionally(e);
              }
            },
            "home-file");
    t.setDaemon(true); // a FIFO keeps it blocked forever; it must not keep the process alive
    t.start();
    byte[] b;
    try {
      b = read.get(BOUND_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw refused(file, "did not open and read within " + BOUND_MS + " ms (swapped for a FIFO?)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return Optional.empty();
      }
      throw refused(file, "cannot be read (" + e.getCause().getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refused(file, "was not read (interrupted)");
    }
    if (b.length > cap) {
      throw refused(file, "is larger than " + cap + " bytes");
    }
    return Optional.of(b);
  }

  /** {@code file} as UTF-8 text; empty when there is nothing there. */
  public static Optional<String> readText(Path file) throws IOException {
    return read(file, CAP).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  private static String kind(Path file, BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return "a symlink (not followed)";
    }
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      return switch (FileInfo.lstat(file).map(FileInfo::type).orElse(FileInfo.Type.OTHER)) {
        case FIFO -> "a FIFO";
        case SOCKET -> "a socket";
        case DEVICE -> "a device";
        default -> "not a regular file";
      };
    } catch (RuntimeException e) {
      return "not a regular file";
    }
  }

  private static Refused refused(Path file, String why) {
    return new Refused(Inert.text(file.toString()) + " " + why + "; refused");
  }
}
