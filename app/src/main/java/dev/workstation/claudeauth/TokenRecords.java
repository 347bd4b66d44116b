package dev.workstation.claudeauth;

import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where root keeps the accessor of each user's scoped Vault token (SPEC §6.12): {@code
 * state_dir/claude-auth/<user>}, one line each, the directory 0700 and each file 0600, both created
 * with that mode. An accessor cannot be used as the token; it looks the token up and revokes it —
 * root's alone all the same. The token itself is never kept.
 */
public final class TokenRecords {
  /** What an accessor looks like (Vault's are letters, digits and dots). */
  static final Pattern ACCESSOR = Pattern.compile("[A-Za-z0-9.]{1,128}");

  /** A user name as the roster allows it. */
  static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

  private final Path dir;

  public TokenRecords(Path stateDir) {
    this.dir = stateDir.resolve("claude-auth");
  }

  /** The directory, for messages and tests. */
  public Path dir() {
    return dir;
  }

  /**
   * user → accessor, for every record; a file that is not one (another name, another shape: only
   * root writes here, so a hand edit) is an {@link IOException} naming it.
   */
  public Map<String, String> read() throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String user = f.getFileName().toString();
        if (user.startsWith(".")) {
          continue; // an atomic write's temp file, left by a crash
        }
        if (!USER.matcher(user).matches() || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(f + " is not a token record; remove it");
        }
        byte[] b = Files.readAllBytes(f);
        String accessor = new String(b, StandardCharsets.UTF_8).strip();
        if (b.length > 256 || !ACCESSOR.matcher(accessor).matches()) {
          throw new IOException(f + " does not hold one accessor; remove it");
        }
        out.put(user, accessor);
      }
    }
    return out;
  }

  /** Records {@code accessor} as {@code user}'s, replacing their old record atomically. */
  public void record(String user, String accessor) throws IOException {
    if (!USER.matcher(user).matches() || !ACCESSOR.matcher(accessor).matches()) {
      throw new IllegalArgumentException("not a user and an accessor");
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    AtomicFiles.write(
        dir.resolve(user),
        (accessor + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  /** Drops {@code user}'s record (their token was revoked); none is fine. */
  public void forget(String user) throws IOException {
    if (!USER.matcher(user).matches()) {
      throw new IllegalArgumentException("not a user name");
    }
    Files.deleteIfExists(dir.resolve(user));
  }
}
