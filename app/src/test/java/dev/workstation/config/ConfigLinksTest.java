package dev.workstation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLinksTest {
  @TempDir Path tmp;
  Path home;
  Path base;
  static final List<String> KINDS = List.of("skills", "CLAUDE.md", "settings.json");

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    base = Files.createDirectories(tmp.resolve("base"));
    Files.createDirectories(base.resolve("skills/a"));
    Files.writeString(base.resolve("CLAUDE.md"), "shared");
    Files.writeString(base.resolve("settings.json"), "{}");
  }

  ConfigLinks.Result run(boolean entries, boolean dryRun) throws Exception {
    return new ConfigLinks(home, base, KINDS, entries, dryRun).run();
  }

  @Test
  void a_dry_run_lists_changes_and_touches_nothing() throws Exception {
    ConfigLinks.Result r = run(true, true);
    assertFalse(r.changes().isEmpty());
    assertFalse(Files.exists(home.resolve(".claude")));
  }

  @Test
  void a_second_run_changes_nothing() throws Exception {
    run(true, false);
    assertEquals(List.of(), run(true, false).changes());
  }

  @Test
  void per_user_state_is_never_linked_even_when_listed() throws Exception {
    run(true, false);
    assertFalse(
        Files.exists(
            home.resolve(".claude/settings.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void the_directory_strategy_links_the_whole_kind_and_entries_replaces_only_our_link()
      throws Exception {
    run(false, false);
    assertTrue(Files.isSymbolicLink(home.resolve(".claude/skills")));
    run(true, false);
    assertTrue(
        Files.isDirectory(home.resolve(".claude/skills"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals(
        base.resolve("skills/a"), Files.readSymbolicLink(home.resolve(".claude/skills/a")));
  }

  @Test
  void a_link_of_the_users_pointing_elsewhere_is_theirs_and_reported() throws Exception {
    Files.createDirectories(home.resolve(".claude/skills"));
    Files.createSymbolicLink(home.resolve(".claude/skills/a"), tmp.resolve("mine"));
    ConfigLinks.Result r = run(true, false);
    assertEquals(tmp.resolve("mine"), Files.readSymbolicLink(home.resolve(".claude/skills/a")));
    assertTrue(
        r.blocked().stream().anyMatch(b -> b.contains("skills/a is your own link")),
        r.blocked().toString());
  }
}
