package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/** A trusted path is read only as a regular-file blob under its size cap, from objects alone. */
class TrustedPathsTest {
  static final String P = "scripts/workstation/roster.yaml";
  final InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("t"));

  RevCommit commitWith(FileMode mode, byte[] content) throws Exception {
    return commitAt(P, mode, content);
  }

  RevCommit commitAt(String path, FileMode mode, byte[] content) throws Exception {
    try (ObjectInserter ins = repo.newObjectInserter();
        RevWalk rw = new RevWalk(repo)) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder b = index.builder();
      DirCacheEntry e = new DirCacheEntry(path);
      e.setFileMode(mode);
      e.setObjectId(
          mode == FileMode.GITLINK
              ? ObjectId.fromString("0123456789012345678901234567890123456789")
              : ins.insert(Constants.OBJ_BLOB, content));
      b.add(e);
      b.finish();
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(index.writeTree(ins));
      PersonIdent who = new PersonIdent("t", "t@example.org");
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage("x");
      ObjectId id = ins.insert(c);
      ins.flush();
      return rw.parseCommit(id);
    }
  }

  byte[] read(RevCommit c, String path, long cap) throws Exception {
    try (var reader = repo.newObjectReader()) {
      TrustedPaths.Entry e = TrustedPaths.entries(reader, c, List.of(path)).get(0);
      return TrustedPaths.read(reader, c, path, e, cap).orElse(null);
    }
  }

  String refusal(FileMode mode) throws Exception {
    RevCommit c = commitWith(mode, "/etc/shadow".getBytes(StandardCharsets.UTF_8));
    return assertThrows(TrustedSource.SourceException.class, () -> read(c, P, 100)).getMessage();
  }

  @Test
  void a_regular_file_is_read_and_an_absent_one_is_empty() throws Exception {
    RevCommit c = commitWith(FileMode.REGULAR_FILE, "users: {}\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("users: {}\n", new String(read(c, P, 100), StandardCharsets.UTF_8));
    assertNull(read(c, "scripts/workstation/managed-settings.json", 100));
  }

  @Test
  void a_symlink_or_a_submodule_is_refused_naming_the_commit_and_path() throws Exception {
    String link = refusal(FileMode.SYMLINK);
    assertTrue(link.startsWith(P + " is a symlink at commit "), link);
    assertTrue(refusal(FileMode.GITLINK).startsWith(P + " is a submodule at commit "));
  }

  @Test
  void a_directory_at_the_path_is_refused() throws Exception {
    RevCommit c = commitAt(P + "/inner", FileMode.REGULAR_FILE, new byte[] {'x'});
    String why =
        assertThrows(TrustedSource.SourceException.class, () -> read(c, P, 100)).getMessage();
    assertTrue(why.contains(" is a directory at commit "), why);
  }

  @Test
  void a_blob_over_the_cap_is_refused_before_it_is_loaded() throws Exception {
    RevCommit c = commitWith(FileMode.REGULAR_FILE, new byte[101]);
    String why =
        assertThrows(TrustedSource.SourceException.class, () -> read(c, P, 100)).getMessage();
    assertTrue(why.endsWith("is 101 bytes; the limit is 100"), why);
  }
}
