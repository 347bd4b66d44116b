package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

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
}
