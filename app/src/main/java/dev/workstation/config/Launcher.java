package dev.workstation.config;

import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code ~/start-claude.sh}, the session launcher, deployed by the user's worker. Ours carries
 * {@link #MARKER}; a file without it is the user's own and is never replaced.
 */
public final class Launcher {
  public static final String MARKER = "# managed-by: workstation";

  private Launcher() {}

  /** absent | current | stale | foreign */
  public static String state(Path home, String content) throws IOException {
    Path f = home.resolve("start-claude.sh");
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return "absent";
    }
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return "foreign";
    }
    String current = Files.readString(f, StandardCharsets.UTF_8);
    if (!current.contains(MARKER)) {
      return "foreign";
    }
    return current.equals(content) ? "current" : "stale";
  }

  public static void deploy(Path home, String content) throws IOException {
    String state = state(home, content);
    if (state.equals("foreign")) {
      throw new IOException("~/start-claude.sh is your own (no '" + MARKER + "' line); not replaced");
    }
    if (!state.equals("current")) {
      AtomicFiles.write(home.resolve("start-claude.sh"), content.getBytes(StandardCharsets.UTF_8),
          PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
