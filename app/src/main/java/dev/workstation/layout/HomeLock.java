package dev.workstation.layout;

import dev.workstation.host.RunLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One writer of a user's {@code ~/code} at a time, between the migration (the worker, as the
 * user) and the user's own {@code session-start}: a flock on {@code ~/.cache/workstation/home.lock},
 * taken by both as the user. Without it a session-start fetching into {@code ~/code} while it is
 * being moved could recreate {@code ~/code/.git/refs/…} under the new, empty {@code ~/code}.
 */
public final class HomeLock {
  private HomeLock() {}

  static Path file(Path home) {
    return home.resolve(".cache/workstation/home.lock");
  }

  /** The lock if free now; empty when someone else holds it. */
  public static Optional<RunLock> tryAcquire(Path home) throws IOException {
    try {
      return Optional.of(RunLock.acquire(file(home)));
    } catch (RunLock.HeldException e) {
      return Optional.empty();
    }
  }
}
