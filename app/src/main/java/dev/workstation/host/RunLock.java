package dev.workstation.host;

import com.sun.jna.LastErrorException;
import dev.workstation.util.Dirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reconcile at a time: an exclusive {@code flock(2)} on a file under {@code /run}, holding the
 * holder's pid. flock (not fcntl) so an admin can inspect or hold it with {@code flock(1)}, and the
 * kernel drops it when the holder dies — no stale locks after a crash.
 */
public final class RunLock implements AutoCloseable {
  public static final Path DEFAULT = Path.of("/run/workstation/reconcile.lock");

  private final int fd;

  private RunLock(int fd) {
    this.fd = fd;
  }

  /** Thrown when another process holds the lock; carries what it wrote about itself. */
  public static final class HeldException extends Exception {
    private final String holder;

    HeldException(String holder) {
      super("another reconcile is running (" + holder + "); try again when it finishes");
      this.holder = holder;
    }

    public String holder() {
      return holder;
    }
  }

  public static RunLock acquire(Path file) throws IOException, HeldException {
    // /run/workstation also holds the session socket every user connects to
    Dirs.create(file.getParent(), Dirs.SHARED);
    int fd = NoFollow.open(file, Libc.O_RDWR | Libc.O_CREAT);
    try {
      Libc.C.flock(fd, Libc.LOCK_EX | Libc.LOCK_NB);
    } catch (LastErrorException e) {
      Libc.C.close(fd);
      if (e.getErrorCode() == 11) { // EWOULDBLOCK
        throw new HeldException(holder(file));
      }
      throw new IOException("cannot lock " + file + ": errno " + e.getErrorCode());
    }
    byte[] me = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    Libc.C.ftruncate(fd, 0);
    try {
      Libc.C.write(fd, me, me.length);
    } catch (LastErrorException e) {
      // the lock holds even if we cannot record who we are
    }
    return new RunLock(fd);
  }

  /** Who holds the lock; the winner writes its pid just after locking, so wait for it briefly. */
  private static String holder(Path file) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!s.isEmpty()) {
          return s;
        }
        Thread.sleep(25);
      } catch (IOException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return "holder unknown";
  }

  @Override
  public void close() {
    Libc.C.close(fd); // closing the descriptor releases the flock
  }
}
