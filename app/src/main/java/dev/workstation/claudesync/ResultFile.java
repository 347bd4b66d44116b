package dev.workstation.claudesync;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.claudeauth.ClaudeAuthResult;
import dev.workstation.host.HomeFiles;
import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/** The job's side of its result file: the last success to carry on, and this run's result. */
final class ResultFile {
  private ResultFile() {}

  /** When a run last succeeded, from the previous result; none when there is no readable one. */
  static Optional<Instant> lastSuccess(Path home) {
    try {
      return HomeFiles.read(home.resolve(ClaudeAuthPaths.RESULT), ClaudeAuthResult.CAP)
          .map(b -> ClaudeAuthResult.parse(ClaudeAuthPaths.RESULT, b))
          .flatMap(ClaudeAuthResult::lastSuccess);
    } catch (IOException | ClaudeAuthResult.Invalid e) {
      return Optional.empty(); // a file that is not ours says nothing about past successes
    }
  }

  /** Writes {@code result} (0600, atomically), making its directory (0700) if it must. */
  static void write(Path home, ClaudeAuthResult result) throws IOException {
    Path file = home.resolve(ClaudeAuthPaths.RESULT);
    if (!Files.isDirectory(file.getParent())) {
      Files.createDirectories(
          file.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    AtomicFiles.write(
        file,
        result.toJson().getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }
}
