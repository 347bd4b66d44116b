package dev.workstation.layout;

import dev.workstation.git.IsolatedGitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * After a migration, a roster repo that was cloned by hand inside the infra clone ({@code
 * ~/code/infra/<name>}, untracked) moves to {@code ~/code/<name>} instead of being cloned fresh —
 * same inode, with its branches and dirty files. Content the infra repo tracks never moves.
 */
public final class Hoist {
  private Hoist() {}

  /** True when {@code infra/name} is a clone and the infra repo tracks nothing at or under it. */
  public static boolean isUntrackedClone(Path infra, String name) {
    if (CodeTree.kind(infra) != PathKind.CLONE
        || CodeTree.kind(infra.resolve(name)) != PathKind.CLONE) {
      return false;
    }
    IsolatedGitConfig.install();
    try (Repository repo =
        new FileRepositoryBuilder()
            .setGitDir(infra.resolve(".git").toFile())
            .setMustExist(true)
            .build()) {
      DirCache index = repo.readDirCache();
      return index.findEntry(name) < 0 && index.getEntriesWithin(name).length == 0;
    } catch (IOException e) {
      return false;
    }
  }

  public static void hoist(Path home, String name) throws IOException {
    Path code = home.resolve("code");
    Path from = code.resolve("infra").resolve(name);
    Path to = code.resolve(name);
    if (!isUntrackedClone(code.resolve("infra"), name)) {
      throw new IOException(from + " is not an untracked clone; not moving it");
    }
    if (Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(to + " already exists; not replacing it");
    }
    Files.move(from, to); // same filesystem: a rename, so the inode (and any open cwd) moves
  }
}
