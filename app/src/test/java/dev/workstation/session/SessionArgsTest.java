package dev.workstation.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionArgsTest {
  static Optional<SessionArgs> fast(String... argv) {
    return SessionArgs.fast(argv);
  }

  @Test
  void the_launchers_command_lines_take_the_fast_path() {
    assertEquals(
        new SessionArgs(SiteConfig.DEFAULT_PATH, false, null), fast("session-start").orElseThrow());
    assertEquals(
        new SessionArgs(Path.of("/s.yaml"), true, 2.5),
        fast("--config=/s.yaml", "session-start", "--json", "--timeout", "2.5").orElseThrow());
    assertEquals(
        new SessionArgs(Path.of("/s.yaml"), false, 3.0),
        fast("session-start", "--config", "/s.yaml", "--timeout=3", "--stacktrace").orElseThrow());
  }

  @Test
  void anything_else_is_left_to_the_full_cli_which_explains_it() {
    for (String[] argv :
        new String[][] {
          {},
          {"--json"},
          {"status"},
          {"session-start", "--help"},
          {"session-start", "-v"},
          {"session-start", "-h"},
          {"--version"},
          {"session-start", "--timeout", "soon"},
          {"session-start", "--timeout=-1"},
          {"session-start", "--timeout"},
          {"--timeout=3", "session-start"},
          {"session-start", "session-start"},
          {"session-start", "--config="},
          {"session-start", "extra"},
          {"session-start", "--jsn"}
        }) {
      assertTrue(fast(argv).isEmpty(), String.join(" ", argv));
    }
  }
}
