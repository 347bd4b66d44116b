package dev.workstation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workstation.config.MarkedFile.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkedFileTest {
  @TempDir Path home;

  static final String OURS = "# managed-by: workstation\nexec claude\n";

  @Test
  void a_missing_file_is_absent_and_written_it_is_current() throws Exception {
    assertEquals(State.ABSENT, MarkedFile.LAUNCHER.observe(home, OURS));
    MarkedFile.LAUNCHER.write(home, OURS);
    assertEquals(State.CURRENT, MarkedFile.LAUNCHER.observe(home, OURS));
    assertEquals(MarkedFile.State.CURRENT, MarkedFile.LAUNCHER.observe(home, OURS));
  }

  @Test
  void ours_with_other_content_is_stale_and_a_file_without_the_marker_is_foreign()
      throws Exception {
    Files.writeString(home.resolve("start-claude.sh"), "# managed-by: workstation\nold\n");
    assertEquals(State.STALE, MarkedFile.LAUNCHER.observe(home, OURS));
    Files.writeString(home.resolve("start-claude.sh"), "my own launcher\n");
    assertEquals(State.FOREIGN, MarkedFile.LAUNCHER.observe(home, OURS));
    assertThrows(IOException.class, () -> MarkedFile.LAUNCHER.write(home, OURS));
    assertEquals("my own launcher\n", Files.readString(home.resolve("start-claude.sh")));
  }

  @Test
  void a_kube_path_that_is_not_a_directory_is_foreign() throws Exception {
    Files.writeString(home.resolve(".kube"), "x");
    assertEquals(State.FOREIGN, MarkedFile.KUBECONFIG.observe(home, OURS));
  }
}
