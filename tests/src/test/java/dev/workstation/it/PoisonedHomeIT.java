package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.2: one user's home cannot stall everyone. Ten users; some homes are poisoned (a FIFO or a
 * symlink where a file is read, a remote that never finishes). Every other user's work is applied
 * as usual, the run ends within {@code limits.user_timeout} plus a small margin, and it exits 1
 * naming each poisoned user with the reason.
 */
class PoisonedHomeIT extends SiteTest {
  /** The poisoned run's user_timeout: ample for a healthy user's few steps on a busy 2-core box. */
  static final int TIMEOUT_S = 40;

  static final List<String> USERS = List.of("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9");

  String config;

  @BeforeEach
  void tenUsersConverged() throws Exception {
    config = site.everyFacet().config();
    String base = Files.readString(Path.of(config));
    // the first run makes ten accounts and clones: no tight bound there
    Files.writeString(Path.of(config), base + "limits: {user_timeout: 600s, jobs: 4}\n");
    roster.commitRoster(roster(""));
    Sandbox.Result first = site.ws("reconcile");
    assertEquals(0, first.code(), first.both());
    Files.writeString(
        Path.of(config), base + "limits: {user_timeout: " + TIMEOUT_S + "s, jobs: 4}\n");
  }

  static String roster(String u4extra) {
    StringBuilder b =
        new StringBuilder(
            "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n");
    for (String u : USERS) {
      b.append("  ")
          .append(u)
          .append(": {authentik_user: ")
          .append(u)
          .append(".sso, k8s_user: ")
          .append(u)
          .append(", tier: power-user")
          .append(u.equals("u4") ? u4extra : "")
          .append("}\n");
    }
    return b.toString();
  }

  /** A new shared skill in the Config base: every user's next run has a link to make. */
  void newSharedSkill() {
    box.sh(
            "mkdir -p "
                + box.dir().resolve("base/skills/b")
                + " && chmod -R a+rX "
                + box.dir().resolve("base"))
        .ok();
  }

  void assertLinked(String user) {
    assertEquals(
        0,
        box.exec("test", "-L", "/home/" + user + "/.claude/skills/b").code(),
        user + " did not get the new shared skill");
  }

  @Test
  void fifos_and_symlinks_where_files_are_read_fail_only_their_owners() throws Exception {
    box.asUser("u3", "mkfifo ~/.gitconfig").ok();
    box.asUser("u5", "rm -f ~/.git-credentials; mkfifo ~/.git-credentials").ok();
    box.asUser("u7", "rm ~/code/.git/config && mkfifo ~/code/.git/config").ok();
    box.asUser("u8", "rm -f ~/.gitconfig; ln -s /dev/zero ~/.gitconfig").ok();
    newSharedSkill();

    Sandbox.Result r = failsWithinTheDeadline();
    assertTrue(r.out().matches("(?s).*FAILED user u3: .*\\.gitconfig is a FIFO.*"), r.out());
    assertTrue(r.out().matches("(?s).*FAILED user u5: .*\\.git-credentials is a FIFO.*"), r.out());
    assertTrue(r.out().matches("(?s).*FAILED user u7: .*\\.git/config is a FIFO.*"), r.out());
    assertTrue(r.out().matches("(?s).*FAILED user u8: .*\\.gitconfig is a symlink.*"), r.out());
    assertFalse(r.out().contains("FAILED user wizard"), r.out());
    for (String healthy : List.of("u1", "u2", "u4", "u6", "u9")) {
      assertTrue(
          r.out().contains("user=" + healthy + " action=link-config result=applied"),
          healthy + ":\n" + r.out());
      assertLinked(healthy);
      assertFalse(r.out().contains("FAILED user " + healthy), r.out());
    }
  }

  @Test
  void a_remote_that_never_finishes_fails_its_user_at_the_deadline_and_nobody_else()
      throws Exception {
    try (HostileRemote never = new HostileRemote(HostileRemote.Mode.TRICKLE, "")) {
      String text = Files.readString(Path.of(config));
      Files.writeString(
          Path.of(config),
          text.replaceAll("repos: \\{base_url: [^}]*}", "repos: {base_url: " + never.base() + "}"));
      roster.commitRoster(roster(", code_layout: workspace, repos: [never]"));
      newSharedSkill();

      Sandbox.Result r = failsWithinTheDeadline();
      assertTrue(r.out().matches("(?s).*FAILED user u4: .*limits\\.user_timeout.*"), r.out());
      assertTrue(
          r.out().matches("(?s).*user=u4 action=clone-repo repo=never result=failed .*timed out.*"),
          r.out());
      assertFalse(r.out().contains("FAILED user wizard"), r.out());
      for (String healthy : List.of("u1", "u2", "u3", "u5", "u6", "u7", "u8", "u9")) {
        assertTrue(
            r.out().contains("user=" + healthy + " action=link-config result=applied"),
            healthy + ":\n" + r.out());
        assertLinked(healthy);
      }
    }
  }

  /** A reconcile that fails (exit 1) and still ends within the user deadline and a margin. */
  private Sandbox.Result failsWithinTheDeadline() {
    long started = System.nanoTime();
    Sandbox.Result r = site.ws("reconcile");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    assertEquals(1, r.code(), r.both());
    assertTrue(seconds < TIMEOUT_S + 30, "took " + seconds + "s:\n" + r.both());
    return r;
  }
}
