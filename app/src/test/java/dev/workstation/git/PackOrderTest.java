package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects come back in the order they lie in their pack; loose ones after, as given. */
class PackOrderTest {
  @Test
  void ids_are_sorted_by_where_they_lie_in_the_pack_and_loose_ones_follow(@TempDir Path dir)
      throws Exception {
    try (Repository repo =
        new FileRepositoryBuilder().setGitDir(dir.resolve("r.git").toFile()).setBare().build()) {
      repo.create(true);
      List<ObjectId> packed = new ArrayList<>();
      try (PackInserter ins = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
        for (int i = 0; i < 5; i++) {
          packed.add(
              ins.insert(Constants.OBJ_BLOB, ("blob " + i).getBytes(StandardCharsets.UTF_8)));
        }
        ins.flush();
      }
      ObjectId loose;
      try (ObjectInserter ins = repo.newObjectInserter()) {
        loose = ins.insert(Constants.OBJ_BLOB, "loose".getBytes(StandardCharsets.UTF_8));
        ins.flush();
      }
      List<ObjectId> given =
          List.of(loose, packed.get(3), packed.get(0), packed.get(4), packed.get(1), packed.get(2));
      List<ObjectId> want = new ArrayList<>(packed);
      want.add(loose);
      assertEquals(want, PackOrder.of(repo).apply(given));
    }
  }

  @Test
  void another_kind_of_repository_keeps_the_order_given() {
    InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("m"));
    List<ObjectId> given = List.of(ObjectId.zeroId());
    assertEquals(given, PackOrder.of(repo).apply(given));
  }
}
