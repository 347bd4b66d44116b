package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorStoreTest {
  @Test
  void a_mirror_is_named_after_its_repo_and_a_hash_of_the_whole_url() {
    String a = MirrorStore.name(URI.create("https://forgejo.example/viktor/infra.git"));
    String b = MirrorStore.name(URI.create("https://github.com/example/infra.git"));
    assertTrue(a.matches("infra-[0-9a-f]{16}\\.git"), a);
    assertNotEquals(a, b, "two remotes of the same name never share a mirror");
    assertEquals(a, MirrorStore.name(URI.create("https://forgejo.example/viktor/infra.git")));
  }

  @Test
  void a_hostile_url_never_becomes_a_path() {
    for (String url :
        new String[] {
          "https://h/..",
          "https://h/a/../../etc",
          "https://h/.hidden.git",
          "https://h/-rf.git",
          "https://h/"
        }) {
      String name = MirrorStore.name(URI.create(url));
      assertTrue(name.matches("[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{16}\\.git"), name);
      assertTrue(!name.contains("/") && !name.startsWith("."), name);
    }
  }

  @Test
  void packs_piled_up_by_many_fetches_are_merged_and_nothing_is_lost(@TempDir Path dir)
      throws Exception {
    Path src = dir.resolve("src");
    MirrorStore store = new MirrorStore(dir.resolve("state"));
    URI url = URI.create("file://" + src);
    try (Git git = Git.init().setDirectory(src.toFile()).setInitialBranch("main").call()) {
      RevCommit last = null;
      for (int i = 0; i < MirrorStore.MAX_PACKS + 8; i++) {
        Files.writeString(src.resolve("f" + i), "content " + i + "\n");
        git.add().addFilepattern("f" + i).call();
        last = git.commit().setMessage("c" + i).setSign(false).call();
        Ref head = git.getRepository().exactRef("refs/heads/main");
        store.ensure(
            url,
            Map.of("refs/heads/main", head.getObjectId().name()),
            GitCredentials.none(),
            Duration.ofSeconds(60));
      }
      Path packs = store.path(url).resolve("objects/pack");
      long count;
      try (var files = Files.list(packs)) {
        count = files.filter(p -> p.toString().endsWith(".pack")).count();
      }
      assertTrue(count <= MirrorStore.MAX_PACKS, count + " packs");
      assertEquals(0, store.behind(url, last.name(), last.name()));
      assertEquals(
          MirrorStore.MAX_PACKS + 7,
          store.behind(
              url,
              git.getRepository().resolve("main~" + (MirrorStore.MAX_PACKS + 7)).name(),
              last.name()));
    }
  }
}
