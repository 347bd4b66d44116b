package dev.workstation.layout;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One writer of a user's {@code ~/code} at a time, between the migration (the worker, as the user)
 * and the user's own {@code session-start}: a lock on {@code ~/.cache/workstation/home.lock}, taken
 * by both as the user. Without it a session-start fetching into {@code ~/code} while it is being
 * moved could recreate {@code ~/code/.git/refs/…} under the new, empty {@code ~/code}.
 *
 * <p>A plain Java file lock (an fcntl lock the kernel drops when the holder dies), so the
 * session-start path loads no native library.
 */
public final class HomeLock implements AutoCloseable {
  private final FileChannel channel;

  private HomeLock(FileChannel channel) {
    this.channel = channel;
  }

  static Path file(Path home) {
    return home.resolve(".cache/workstation/home.lock");
  }

  /** The lock if free now; empty when someone else holds it. */
  public static Optional<HomeLock> tryAcquire(Path home) throws IOException {
    Path file = file(home);
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new HomeLock(channel));
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    channel.close(); // closing the channel releases the lock
  }
}
