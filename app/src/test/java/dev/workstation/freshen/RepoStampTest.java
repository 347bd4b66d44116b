package dev.workstation.freshen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoStampTest {
  static Path repo(Path dir) throws Exception {
    Path work = dir.resolve("work");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      git.commit().setMessage("one").setSign(false).setAllowEmpty(true).call();
    }
    return work.resolve(".git");
  }

  @Test
  void nothing_changed_is_the_same_stamp(@TempDir Path dir) throws Exception {
    Path repo = repo(dir);
    assertEquals(RepoStamp.of(repo), RepoStamp.of(repo));
  }

  @Test
  void a_moved_ref_a_new_branch_and_a_new_mode_each_change_it(@TempDir Path dir) throws Exception {
    Path repo = repo(dir);
    String before = RepoStamp.of(repo).orElseThrow();
    try (Git git = Git.open(repo.toFile())) {
      git.commit().setMessage("two").setSign(false).setAllowEmpty(true).call();
    }
    String moved = RepoStamp.of(repo).orElseThrow();
    assertNotEquals(before, moved, "a ref moved");
    try (Git git = Git.open(repo.toFile())) {
      git.branchCreate().setName("feature/x").call();
    }
    String branched = RepoStamp.of(repo).orElseThrow();
    assertNotEquals(moved, branched, "a branch in a new directory");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    assertNotEquals(branched, RepoStamp.of(repo).orElseThrow(), "a directory on the way");
  }

  @Test
  void a_repository_with_too_many_ref_directories_is_not_stamped(@TempDir Path dir)
      throws Exception {
    Path repo = repo(dir);
    for (int i = 0; i <= RepoStamp.MAX_ENTRIES; i++) {
      Files.createDirectories(repo.resolve("refs/heads/d" + i));
    }
    assertTrue(RepoStamp.of(repo).isEmpty());
  }
}
