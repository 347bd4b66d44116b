package dev.workstation.claudesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupTokenTest {
  static final String TOKEN = "sk-ant-oat01-" + "x".repeat(40);

  @TempDir Path home;

  @Test
  void the_env_file_is_written_0600_once_and_removed_when_vault_drops_the_token() throws Exception {
    Files.createDirectories(home.resolve(ClaudeAuthPaths.CONFIG_DIR));
    Path file = home.resolve(ClaudeAuthPaths.OAUTH_ENV);
    assertTrue(SetupToken.write(home, TOKEN));
    assertEquals("CLAUDE_CODE_OAUTH_TOKEN=" + TOKEN + "\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    assertFalse(SetupToken.write(home, TOKEN), "the same token again: nothing written");
    assertEquals(0, Files.getLastModifiedTime(file).toMillis());
    assertTrue(SetupToken.remove(home));
    assertFalse(Files.exists(file));
    assertFalse(SetupToken.remove(home));
  }

  @Test
  void only_a_plain_token_is_a_setup_token() {
    assertEquals(Optional.of(TOKEN), SetupToken.of(" " + TOKEN + "\n"));
    assertEquals(Optional.empty(), SetupToken.of(""));
    assertEquals(Optional.empty(), SetupToken.of(42));
    assertTrue(SetupToken.wellFormed(TOKEN));
    for (String bad : new String[] {"short", TOKEN + "\nX=1", TOKEN + " $(id)", TOKEN + "'"}) {
      assertFalse(SetupToken.wellFormed(bad), bad);
    }
  }
}
