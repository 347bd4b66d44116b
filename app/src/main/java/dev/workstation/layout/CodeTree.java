package dev.workstation.layout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What is under a user's {@code ~/code}, seen by the worker as that user, never following a link.
 * Both the planner (via the worker's {@code inspect}) and freshen/session-start (via {@link
 * #clones}) read the layout from here, so they agree on where the clones are.
 */
public final class CodeTree {
  public static final String MIGRATE_TMP = ".code-migrating";

  private CodeTree() {}

  public static PathKind kind(Path p) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return PathKind.ABSENT;
    }
    if (Files.isSymbolicLink(p)) {
      return PathKind.SYMLINK;
    }
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return PathKind.OTHER;
    }
    return Files.isDirectory(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
        ? PathKind.CLONE
        : PathKind.DIR;
  }

  /** The clones a session or freshen works on: {@code ~/code} itself, or each clone in it. */
  public static List<Path> clones(Path home) throws IOException {
    Path code = home.resolve("code");
    List<Path> out = new ArrayList<>();
    switch (kind(code)) {
      case CLONE -> out.add(code);
      case DIR -> {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(code)) {
          for (Path p : entries) {
            if (!p.getFileName().toString().startsWith(".") && kind(p) == PathKind.CLONE) {
              out.add(p);
            }
          }
        }
        out.sort(null);
      }
      default -> {}
    }
    return out;
  }
}
