package dev.workstation.claudesync;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.host.HomeFiles;
import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's setup token (SPEC §6.12): a long-lived, non-rotating Claude token of their own, kept at
 * their Vault path as {@code setup_token}. When there is one, the job writes it to {@link
 * ClaudeAuthPaths#OAUTH_ENV} as {@code CLAUDE_CODE_OAUTH_TOKEN=…} (created 0600, atomically, only
 * when it differs) for the launcher to load; when there is none any more, it removes that file, so
 * a withdrawn token does not outlive its removal from Vault.
 */
final class SetupToken {
  static final String FIELD = "setup_token";
  static final String VARIABLE = "CLAUDE_CODE_OAUTH_TOKEN";

  /** What a token may hold: the launcher reads the line, it never evaluates it. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{16,4096}");

  private SetupToken() {}

  /** The setup token in {@code value} when there is one (a blank or absent one is none). */
  static Optional<String> of(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  static boolean wellFormed(String token) {
    return TOKEN.matcher(token).matches();
  }

  /** Writes {@code token}'s env file; false when it already held exactly that. */
  static boolean write(Path home, String token) throws IOException {
    Path file = home.resolve(ClaudeAuthPaths.OAUTH_ENV);
    byte[] content = (VARIABLE + "=" + token + "\n").getBytes(StandardCharsets.UTF_8);
    Optional<byte[]> now = HomeFiles.read(file, HomeFiles.CAP);
    if (now.isPresent() && Arrays.equals(now.get(), content)) {
      return false;
    }
    AtomicFiles.write(file, content, PosixFilePermissions.fromString("rw-------"));
    return true;
  }

  /** Removes the env file of a token Vault no longer holds; true when there was one. */
  static boolean remove(Path home) throws IOException {
    return Files.deleteIfExists(home.resolve(ClaudeAuthPaths.OAUTH_ENV));
  }
}
