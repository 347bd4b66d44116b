package dev.workstation.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code entries} strategy of {@link ConfigLinks}: {@code ~/.claude/<kind>/} is a real
 * directory with one link per base entry, made, corrected and pruned where they are ours, the
 * user's own left alone and reported.
 */
final class EntryLinks {
  private final ConfigLinks links;

  EntryLinks(ConfigLinks links) {
    this.links = links;
  }

  /** {@code dir} (a real {@code ~/.claude/<kind>/}) with one link per entry of {@code baseDir}. */
  void link(Path dir, Path baseDir, String kind) throws IOException {
    Optional<String> closedKind =
        Files.isDirectory(baseDir)
            ? BaseAccess.unreadable(baseDir, "~/.claude/" + kind)
            : Optional.empty();
    if (closedKind.isPresent()) {
      links.unreachable(closedKind.get());
      return;
    }
    Set<String> baseEntries = ConfigLinks.list(baseDir);
    for (String e : baseEntries) {
      BaseAccess.unreadable(baseDir.resolve(e), "~/.claude/" + kind + "/" + e)
          .ifPresent(links::unreachable);
    }
    if (!entryDirectory(dir, kind, baseEntries)) {
      return;
    }
    if (Files.isSymbolicLink(dir)) { // dry run of its replacement: every entry would be linked
      for (String e : baseEntries) {
        links.wouldChange("link ~/.claude/" + kind + "/" + e + " → " + baseDir.resolve(e));
      }
      return;
    }
    for (String e : baseEntries) {
      linkEntry(dir.resolve(e), baseDir.resolve(e), "~/.claude/" + kind + "/" + e);
    }
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) { // a dry run has not made it yet
      pruneGone(dir, kind);
    }
  }

  /**
   * Makes {@code ~/.claude/<kind>} a directory of links (from our link of the directory strategy,
   * or from nothing when the base has entries); false when it is the user's own, or not needed.
   */
  private boolean entryDirectory(Path dir, String kind, Set<String> baseEntries)
      throws IOException {
    if (Files.isSymbolicLink(dir)) {
      if (!links.ours(Files.readSymbolicLink(dir))) {
        links.blocked(
            "~/.claude/" + kind + " is your own link; the shared " + kind + " are not linked");
        return false;
      }
      // a link from the directory strategy: becomes a real directory of links
      links.change(
          "replace the ~/.claude/" + kind + " link with a directory of links",
          () -> {
            Files.delete(dir);
            Files.createDirectory(dir);
          });
    } else if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (baseEntries.isEmpty()) {
        return false;
      }
      links.change("create ~/.claude/" + kind + "/", () -> Files.createDirectory(dir));
    } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      links.blocked(
          "~/.claude/" + kind + " is a file of yours; the shared " + kind + " are not linked");
      return false;
    }
    return true;
  }

  /** One entry's link to {@code target}: made, corrected if ours, left if the user's own. */
  private void linkEntry(Path link, Path target, String shown) throws IOException {
    if (Files.isSymbolicLink(link)) {
      Path current = Files.readSymbolicLink(link);
      if (!current.equals(target) && !links.ours(current)) {
        links.blocked(shown + " is your own link; not replaced");
      } else if (!current.equals(target)) {
        links.change(
            "relink " + shown + " → " + target,
            () -> {
              Files.delete(link);
              Files.createSymbolicLink(link, target);
            });
      }
    } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      links.blocked(shown + " is your own; the shared one is not linked");
    } else {
      links.change("link " + shown + " → " + target, () -> Files.createSymbolicLink(link, target));
    }
  }

  /** Our links in {@code dir} whose entry is gone from the base: removed. */
  private void pruneGone(Path dir, String kind) throws IOException {
    try (DirectoryStream<Path> mine = Files.newDirectoryStream(dir)) {
      for (Path p : mine) {
        if (Files.isSymbolicLink(p)) {
          Path target = Files.readSymbolicLink(p);
          if (links.ours(target) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            links.change(
                "remove ~/.claude/" + kind + "/" + p.getFileName() + " (gone from the base)",
                () -> Files.delete(p));
          }
        }
      }
    }
  }
}
