package dev.workstation.claudesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SyncArgsTest {
  @Test
  void the_units_command_lines_take_the_fast_path() {
    assertEquals(
        new SyncArgs(SiteConfig.DEFAULT_PATH, false),
        SyncArgs.fast(new String[] {"claude-auth", "sync"}).orElseThrow());
    assertEquals(
        new SyncArgs(Path.of("/s.yaml"), true),
        SyncArgs.fast(new String[] {"--config=/s.yaml", "claude-auth", "sync", "--json"})
            .orElseThrow());
    assertEquals(
        new SyncArgs(Path.of("/s.yaml"), false),
        SyncArgs.fast(new String[] {"claude-auth", "--stacktrace", "sync", "--config", "/s.yaml"})
            .orElseThrow());
  }

  @Test
  void anything_else_is_left_to_the_full_cli_which_explains_it() {
    for (String[] argv :
        new String[][] {
          {},
          {"claude-auth"},
          {"sync"},
          {"sync", "claude-auth"},
          {"claude-auth", "sync", "--help"},
          {"claude-auth", "sync", "sync"},
          {"claude-auth", "sync", "--config"},
          {"claude-auth", "sync", "--config="},
          {"claude-auth", "sync", "-v"},
          {"session-start"},
        }) {
      assertTrue(SyncArgs.fast(argv).isEmpty(), String.join(" ", argv));
    }
  }
}
