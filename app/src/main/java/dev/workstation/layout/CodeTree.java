package dev.workstation.layout;

import dev.workstation.git.Clones;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is under a user's {@code ~/code}, seen by the worker as that user, never following a link.
 * Both the planner (via {@code inspect}) and freshen/session-start (via {@link #clones}) read the
 * layout from here, so they agree on where the clones are.
 */
public final class CodeTree {
  public static final String MIGRATE_TMP = ".code-migrating";

  private CodeTree() {}

  /** absent | clone | dir | symlink | other */
  public static String kind(Path p) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return "absent";
    }
    if (Files.isSymbolicLink(p)) {
      return "symlink";
    }
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return "other";
    }
    return Files.isDirectory(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS) ? "clone" : "dir";
  }

  /** The clones a session or freshen works on: {@code ~/code} itself, or each clone in it. */
  public static List<Path> clones(Path home) throws IOException {
    Path code = home.resolve("code");
    List<Path> out = new ArrayList<>();
    switch (kind(code)) {
      case "clone" -> out.add(code);
      case "dir" -> {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(code)) {
          for (Path p : entries) {
            if (!p.getFileName().toString().startsWith(".") && kind(p).equals("clone")) {
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

  /** Facts for the planner: kinds of every path it may act on, and each clone's wiring. */
  public static Map<String, Object> inspect(Path home, List<String> repos) throws IOException {
    Path code = home.resolve("code");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("code", describe(code));
    facts.put("infra", describe(code.resolve("infra")));
    facts.put("migrate_tmp", kind(home.resolve(MIGRATE_TMP)));
    Map<String, Object> repoFacts = new LinkedHashMap<>();
    Map<String, Object> nested = new LinkedHashMap<>();
    boolean codeIsDir = kind(code).equals("dir");
    // where the infra clone is now: mid-migration it sits at the temp name
    Path infra =
        kind(home.resolve(MIGRATE_TMP)).equals("clone")
            ? home.resolve(MIGRATE_TMP)
            : codeIsDir ? code.resolve("infra") : code;
    for (String r : repos) {
      repoFacts.put(r, codeIsDir ? kind(code.resolve(r)) : "absent");
      nested.put(r, Hoist.isUntrackedClone(infra, r));
    }
    facts.put("repos", repoFacts);
    facts.put("nested", nested);
    return facts;
  }

  private static Map<String, Object> describe(Path p) {
    Map<String, Object> m = new LinkedHashMap<>();
    String kind = kind(p);
    m.put("kind", kind);
    if (kind.equals("clone")) {
      Clones.Facts f = Clones.inspect(p);
      m.put("remotes", f.remotes());
      m.put("branch", f.branch().orElse(null));
      m.put("tracking", f.trackingRemote().orElse(null));
    }
    return m;
  }
}
