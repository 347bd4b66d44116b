package dev.workstation.claudesync;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.host.HomeFiles;
import dev.workstation.input.StrictJson;
import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Claude Code's credentials file, {@code ~/.claude/.credentials.json}, as the job sees it: a JSON
 * object whose {@code claudeAiOauth} is the login, beside other keys (MCP servers' OAuth, …) that
 * are not ours and are always kept. Read like every file in a home ({@link HomeFiles}: no link, no
 * FIFO, capped); written whole, atomically, created 0600.
 */
final class Credentials {
  static final String KEY = "claudeAiOauth";

  /** More than any credentials file holds; a larger one is not read. */
  static final int CAP = 256 * 1024;

  private Credentials() {}

  /** What is at the credentials path. */
  sealed interface Reading {
    /** Nothing there. */
    record Missing() implements Reading {}

    /** A link, FIFO, directory, oversized or non-JSON file: left exactly as it is. */
    record Refused(String why) implements Reading {}

    /** A JSON object: every key, and the login when it has the right shape. */
    record Parsed(Map<String, Object> root, Optional<Map<String, Object>> login)
        implements Reading {}
  }

  static Reading read(Path home) {
    Path file = home.resolve(ClaudeAuthPaths.CREDENTIALS);
    Optional<byte[]> bytes;
    try {
      bytes = HomeFiles.read(file, CAP);
    } catch (IOException e) {
      return new Reading.Refused(e.getMessage());
    }
    if (bytes.isEmpty()) {
      return new Reading.Missing();
    }
    Object parsed;
    try {
      String text =
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.get())).toString();
      parsed = StrictJson.parse(text);
    } catch (CharacterCodingException | IllegalArgumentException e) {
      return new Reading.Refused("~/" + ClaudeAuthPaths.CREDENTIALS + " is not valid JSON");
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      return new Reading.Refused("~/" + ClaudeAuthPaths.CREDENTIALS + " is not a JSON object");
    }
    Map<String, Object> root = new LinkedHashMap<>();
    m.forEach((k, v) -> root.put(String.valueOf(k), v));
    return new Reading.Parsed(root, login(root.get(KEY)));
  }

  /**
   * {@code value} as a login: an object with a non-empty {@code accessToken} and {@code
   * refreshToken} and a numeric {@code expiresAt} (other keys — scopes, subscription — kept as they
   * are). A JSON string holding such an object counts too (how a backup reads when an admin stored
   * it with {@code vault kv put … claudeAiOauth=@file}).
   */
  static Optional<Map<String, Object>> login(Object value) {
    if (value instanceof String s) {
      try {
        value = StrictJson.parse(s);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (!(value instanceof Map<?, ?> m)
        || !(m.get("accessToken") instanceof String access && !access.isBlank())
        || !(m.get("refreshToken") instanceof String refresh && !refresh.isBlank())
        || !(m.get("expiresAt") instanceof BigInteger || m.get("expiresAt") instanceof Double)) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return Optional.of(out);
  }

  /** Why {@code reading} holds no usable login, for the one line (never a value). */
  static String whyNoLogin(Reading reading) {
    if (reading instanceof Reading.Missing) {
      return "there is no ~/" + ClaudeAuthPaths.CREDENTIALS;
    }
    return "~/"
        + ClaudeAuthPaths.CREDENTIALS
        + " has no "
        + KEY
        + " with an access token, a refresh token and a numeric expiresAt";
  }

  /**
   * Writes {@code root} with {@link #KEY} set to {@code login} — every other key as it was — over
   * the credentials file, atomically, 0600.
   */
  static void writeMerged(Path home, Map<String, Object> root, Map<String, Object> login)
      throws IOException {
    Map<String, Object> merged = new LinkedHashMap<>(root);
    merged.put(KEY, login);
    writeWhole(home, merged);
  }

  /** Writes {@code root} as the whole credentials file, atomically, 0600. */
  static void writeWhole(Path home, Map<String, Object> root) throws IOException {
    Path dir = home.resolve(ClaudeAuthPaths.CLAUDE_DIR);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    AtomicFiles.write(
        home.resolve(ClaudeAuthPaths.CREDENTIALS),
        Json.write(root).getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  /** The same login, whatever the order of its keys or the spelling of its numbers. */
  static boolean same(Map<String, Object> a, Map<String, Object> b) {
    return Json.compactSorted(a).equals(Json.compactSorted(b));
  }
}
