package dev.workstation.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Live inheritance of the admin's Config base: {@code ~/.claude/<kind>} draws from the base by
 * symlinks — never copies — so an edit to the base is in every Workstation at once. Run as the user
 * (by their worker, or by {@code session-start}).
 *
 * <p>Strategy {@code entries} (default): {@code ~/.claude/<kind>/} is a real directory with one
 * link per base entry, because some Claude Code releases ignore a symlinked {@code skills}
 * directory while following symlinked entries inside a real one; users may add their own entries
 * beside ours. Strategy {@code directory}: {@code ~/.claude/<kind>} is one link.
 *
 * <p>Ours is exactly a symlink pointing into the base; only ours is ever removed (when its base
 * entry is gone). Anything else is the user's, left alone, and reported when it blocks a link.
 * Per-user state ({@code settings.json}, {@code .credentials.json}, {@code projects/}, …) is never
 * a kind and never touched.
 */
public final class ConfigLinks {
  /** Names under ~/.claude that are per-user state: never linked, never touched. */
  public static final Set<String> PROTECTED =
      Set.of(
          "settings.json",
          "settings.local.json",
          ".credentials.json",
          "projects",
          "sessions",
          "todos",
          "statsig",
          "shell-snapshots",
          "ide",
          "history.jsonl",
          ".claude.json");

  /**
   * What was (or would be) changed, what blocked a link (the user's own file in its place), and
   * what the user running this cannot follow (SPEC §6.4: a link is only applied when its user can
   * follow it) — each with the reason and the remedy.
   */
  public record Result(List<String> changes, List<String> blocked, List<String> unreachable) {}

  private final Path home;
  private final Path base;
  private final List<String> kinds;
  private final boolean entries;
  private final boolean dryRun;
  private final List<String> changes = new ArrayList<>();
  private final List<String> blocked = new ArrayList<>();
  private final List<String> unreachable = new ArrayList<>();

  public ConfigLinks(
      Path home, Path base, List<String> kinds, boolean entriesStrategy, boolean dryRun) {
    this.home = home;
    this.base = base.normalize();
    this.kinds = kinds;
    this.entries = entriesStrategy;
    this.dryRun = dryRun;
  }

  public Result run() throws IOException {
    Path claude = home.resolve(".claude");
    if (Files.isSymbolicLink(claude)
        || (Files.exists(claude, LinkOption.NOFOLLOW_LINKS)
            && !Files.isDirectory(claude, LinkOption.NOFOLLOW_LINKS))) {
      blocked.add("~/.claude is not a directory; no links made");
      return result();
    }
    if (!Files.exists(claude, LinkOption.NOFOLLOW_LINKS)) {
      change("create ~/.claude", () -> Files.createDirectory(claude));
    }
    Optional<String> closed = BaseAccess.closed(base);
    if (closed.isPresent()) {
      // links into a base the user cannot reach would all dangle: none is made, and it is a failure
      unreachable.add(closed.get());
      return result();
    }
    for (String kind : kinds) {
      if (PROTECTED.contains(kind) || kind.contains("/") || kind.startsWith(".")) {
        continue;
      }
      Path from = claude.resolve(kind);
      Path to = base.resolve(kind);
      if (!entries || (Files.exists(to) && !Files.isDirectory(to))) {
        whole(from, to, kind);
      } else {
        perEntry(from, to, kind);
      }
    }
    return result();
  }

  private Result result() {
    return new Result(List.copyOf(changes), List.copyOf(blocked), List.copyOf(unreachable));
  }

  /** {@code ~/.claude/<kind>} as one link to the base (a file kind, or the directory strategy). */
  private void whole(Path from, Path to, String kind) throws IOException {
    boolean baseHas = Files.exists(to);
    if (baseHas) {
      BaseAccess.unreadable(to, "~/.claude/" + kind).ifPresent(unreachable::add);
    }
    if (Files.isSymbolicLink(from)) {
      Path target = Files.readSymbolicLink(from);
      if (target.equals(to)) {
        if (!baseHas) {
          change("remove ~/.claude/" + kind + " (gone from the base)", () -> Files.delete(from));
        }
        return;
      }
      if (ours(target) && !Files.exists(target)) {
        change("remove ~/.claude/" + kind + " (gone from the base)", () -> Files.delete(from));
        return;
      }
      if (baseHas) {
        blocked.add("~/.claude/" + kind + " is your own link; not replaced");
      }
      return;
    }
    if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
      if (baseHas) {
        change("link ~/.claude/" + kind + " → " + to, () -> Files.createSymbolicLink(from, to));
      }
      return;
    }
    if (baseHas) {
      blocked.add("~/.claude/" + kind + " is your own; the shared " + kind + " is not linked");
    }
  }

  /** A real {@code ~/.claude/<kind>/} with one link per base entry. */
  private void perEntry(Path dir, Path baseDir, String kind) throws IOException {
    Optional<String> closedKind =
        Files.isDirectory(baseDir)
            ? BaseAccess.unreadable(baseDir, "~/.claude/" + kind)
            : Optional.empty();
    if (closedKind.isPresent()) {
      unreachable.add(closedKind.get());
      return;
    }
    Set<String> baseEntries = list(baseDir);
    for (String e : baseEntries) {
      BaseAccess.unreadable(baseDir.resolve(e), "~/.claude/" + kind + "/" + e)
          .ifPresent(unreachable::add);
    }
    if (Files.isSymbolicLink(dir)) {
      if (ours(Files.readSymbolicLink(dir))) {
        // a link from the directory strategy: becomes a real directory of links
        change(
            "replace the ~/.claude/" + kind + " link with a directory of links",
            () -> {
              Files.delete(dir);
              Files.createDirectory(dir);
            });
      } else {
        blocked.add(
            "~/.claude/" + kind + " is your own link; the shared " + kind + " are not linked");
        return;
      }
    } else if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (baseEntries.isEmpty()) {
        return;
      }
      change("create ~/.claude/" + kind + "/", () -> Files.createDirectory(dir));
    } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      blocked.add(
          "~/.claude/" + kind + " is a file of yours; the shared " + kind + " are not linked");
      return;
    }
    if (Files.isSymbolicLink(
        dir)) { // dry run of the replacement above: every entry would be linked
      for (String e : baseEntries) {
        changes.add("link ~/.claude/" + kind + "/" + e + " → " + baseDir.resolve(e));
      }
      return;
    }
    for (String e : baseEntries) {
      Path link = dir.resolve(e);
      Path target = baseDir.resolve(e);
      if (Files.isSymbolicLink(link)) {
        Path current = Files.readSymbolicLink(link);
        if (!current.equals(target) && !ours(current)) {
          blocked.add("~/.claude/" + kind + "/" + e + " is your own link; not replaced");
        } else if (!current.equals(target)) {
          change(
              "relink ~/.claude/" + kind + "/" + e + " → " + target,
              () -> {
                Files.delete(link);
                Files.createSymbolicLink(link, target);
              });
        }
      } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        blocked.add("~/.claude/" + kind + "/" + e + " is your own; the shared one is not linked");
      } else {
        change(
            "link ~/.claude/" + kind + "/" + e + " → " + target,
            () -> Files.createSymbolicLink(link, target));
      }
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return; // dry run: not created yet
    }
    try (DirectoryStream<Path> mine = Files.newDirectoryStream(dir)) {
      for (Path p : mine) {
        if (Files.isSymbolicLink(p)) {
          Path target = Files.readSymbolicLink(p);
          if (ours(target) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            change(
                "remove ~/.claude/" + kind + "/" + p.getFileName() + " (gone from the base)",
                () -> Files.delete(p));
          }
        }
      }
    }
  }

  /** A link is ours when it points into the base (absolute, as we create them). */
  private boolean ours(Path target) {
    return target.isAbsolute() && target.normalize().startsWith(base);
  }

  private static Set<String> list(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        out.add(p.getFileName().toString());
      }
    }
    return out;
  }

  private interface Io {
    void run() throws IOException;
  }

  private void change(String what, Io io) throws IOException {
    changes.add(what);
    if (!dryRun) {
      io.run();
    }
  }
}
