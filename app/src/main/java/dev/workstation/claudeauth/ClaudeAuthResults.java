package dev.workstation.claudeauth;

import dev.workstation.host.HomeReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Root's reading of a user's job result ({@link ClaudeAuthPaths#RESULT}) for {@code status} and
 * metrics. The file is the user's: it is read through {@link HomeReader} (every path component
 * opened no-follow, a regular file owned by the user, non-blocking, capped at {@link
 * ClaudeAuthResult#CAP}) and parsed strictly ({@link ClaudeAuthResult#parse}). It never throws for
 * what the user put there: that is a {@link ResultReading.Refused}.
 */
public final class ClaudeAuthResults {
  private ClaudeAuthResults() {}

  /** {@code user}'s result, in {@code home} owned by {@code uid}. */
  public static ResultReading read(Path home, int uid) {
    try (HomeReader reader = HomeReader.open(home, uid)) {
      return read(reader);
    } catch (IOException e) {
      return new ResultReading.Refused(String.valueOf(e.getMessage()));
    }
  }

  /** The same through a reader the caller already holds. */
  public static ResultReading read(HomeReader reader) {
    Path where = reader.home().resolve(ClaudeAuthPaths.RESULT);
    try {
      Optional<byte[]> bytes = reader.read(ClaudeAuthPaths.RESULT, ClaudeAuthResult.CAP);
      if (bytes.isEmpty()) {
        return new ResultReading.Missing();
      }
      return new ResultReading.Found(ClaudeAuthResult.parse(where.toString(), bytes.get()));
    } catch (IOException | ClaudeAuthResult.Invalid e) {
      return new ResultReading.Refused(String.valueOf(e.getMessage()));
    }
  }
}
