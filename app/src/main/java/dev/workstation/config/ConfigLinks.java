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
        new EntryLinks(this).link(from, to, kind);
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

  /** A link is ours when it points into the base (absolute, as we create them). */
  boolean ours(Path target) {
    return target.isAbsolute() && target.normalize().startsWith(base);
  }

  static Set<String> list(Path dir) throws IOException {
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

  interface Io {
    void run() throws IOException;
  }

  /** What blocks a link: the user's own file or link in its place. */
  void blocked(String why) {
    blocked.add(why);
  }

  /** What the user cannot follow, with the remedy. */
  void unreachable(String why) {
    unreachable.add(why);
  }

  /** A change a dry run only lists (it would follow one it cannot make yet). */
  void wouldChange(String what) {
    changes.add(what);
  }

  /** Records {@code what}, and does it unless this is a dry run. */
  void change(String what, Io io) throws IOException {
    changes.add(what);
    if (!dryRun) {
      io.run();
    }
  }
}
