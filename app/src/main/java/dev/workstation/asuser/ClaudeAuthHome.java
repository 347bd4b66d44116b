package dev.workstation.asuser;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The Claude-credentials job's place in a home, made as the user (SPEC §6.12): its directories
 * where they are missing (0700, each missing component made with that mode; one that exists is left
 * as it is), and the Vault token root minted, written atomically as a 0600 file of the user's. The
 * token arrives on the worker's stdin and goes nowhere but that file.
 */
final class ClaudeAuthHome {
  private ClaudeAuthHome() {}

  static void prepare(Path home, Optional<String> token) throws IOException {
    for (String dir : ClaudeAuthPaths.DIRS) {
      mkdirs(home, dir);
    }
    if (token.isPresent()) {
      String t = token.get();
      if (t.isEmpty() || t.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalArgumentException("the Vault token is not one line of printable text");
      }
      AtomicFiles.write(
          home.resolve(ClaudeAuthPaths.VAULT_TOKEN),
          (t + "\n").getBytes(StandardCharsets.UTF_8),
          PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static void mkdirs(Path home, String rel) throws IOException {
    Path p = home;
    for (String part : rel.split("/")) {
      p = p.resolve(part);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(
            p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    }
  }
}
