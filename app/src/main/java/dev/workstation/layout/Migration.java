package dev.workstation.layout;

import dev.workstation.util.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * single → workspace: {@code ~/code} (the infra clone) becomes {@code ~/code/infra}, by rename on
 * the same filesystem, so local branches, stashes, dirty and untracked files survive and a process
 * whose cwd is inside it follows the moved inode.
 *
 * <p>Three renames/mkdirs, each idempotent and recognisable from the filesystem alone, so a run
 * killed after any of them is finished by the next (the root-owned journal in the state dir says a
 * migration is under way): {@code ~/code → ~/.code-migrating}, {@code mkdir ~/code}, {@code
 * ~/.code-migrating → ~/code/infra}.
 */
public final class Migration {
  private Migration() {}

  /** Runs the remaining steps, passing each to {@code steps}; returns their names. */
  public static List<String> run(Path home, Checkpoints steps) throws IOException {
    var lock =
        HomeLock.tryAcquire(home)
            .orElseThrow(
                () ->
                    new IOException(
                        "a session-start is working in ~/code right now; the move is retried next run"));
    try (lock) {
      return steps(home, steps);
    }
  }

  private static List<String> steps(Path home, Checkpoints steps) throws IOException {
    Path code = home.resolve("code");
    Path tmp = home.resolve(CodeTree.MIGRATE_TMP);
    List<String> done = new ArrayList<>();
    PathKind codeKind = CodeTree.kind(code);
    PathKind tmpKind = CodeTree.kind(tmp);
    if (codeKind == PathKind.CLONE && tmpKind == PathKind.ABSENT) {
      Files.move(code, tmp);
      done.add("moved-aside");
      steps.passed("migrate:moved-aside");
      codeKind = PathKind.ABSENT;
      tmpKind = PathKind.CLONE;
    }
    if (codeKind == PathKind.ABSENT && tmpKind == PathKind.CLONE) {
      Files.createDirectory(
          code, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      done.add("code-dir-created");
      steps.passed("migrate:code-dir-created");
      codeKind = PathKind.DIR;
    }
    if (codeKind == PathKind.DIR && tmpKind == PathKind.CLONE) {
      if (CodeTree.kind(code.resolve("infra")) != PathKind.ABSENT) {
        throw new IOException(
            code.resolve("infra")
                + " appeared during the migration; "
                + tmp
                + " holds the old ~/code — move one aside by hand");
      }
      Files.move(tmp, code.resolve("infra"));
      done.add("moved-in");
      steps.passed("migrate:moved-in");
      tmpKind = PathKind.ABSENT;
    }
    if (tmpKind != PathKind.ABSENT) {
      throw new IOException(
          "cannot finish the migration: ~/code is "
              + codeKind.word()
              + " and "
              + tmp
              + " is "
              + tmpKind.word()
              + "; nothing was deleted — see docs/runbooks/migrate-layout.md");
    }
    if (CodeTree.kind(code.resolve("infra")) != PathKind.CLONE) {
      throw new IOException("after the migration ~/code/infra is not a clone; nothing was deleted");
    }
    return done;
  }
}
