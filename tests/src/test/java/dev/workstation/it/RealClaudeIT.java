package dev.workstation.it;

import static dev.workstation.it.ClaudeAuthFixture.AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.input.StrictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real Claude Code (npm's {@code @anthropic-ai/claude-code}, which .ci/run installs into its
 * cache and names in {@code CLAUDE_CODE}) reads a login the job restored as a logged-in state: its
 * {@code auth status}, which needs no network, run as the user with no network at all ({@code
 * unshare --net}). The inference check needs the network, so the job here checks shapes only.
 */
class RealClaudeIT extends SiteTest {

  static Optional<Path> claude() {
    String env = System.getenv("CLAUDE_CODE");
    Path cached =
        Path.of(System.getProperty("user.home"), ".cache/workstation-ci/claude-code")
            .resolve("node_modules/.bin/claude");
    for (Path p : env == null ? List.of(cached) : List.of(Path.of(env), cached)) {
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** {@code claude auth status} as {@code user}, without a network: its JSON and exit code. */
  record Status(int code, Map<?, ?> json) {}

  Status status(Path claude, String user) {
    Sandbox.Result r =
        box.exec(
            "unshare",
            "--net",
            "runuser",
            "-u",
            user,
            "--",
            "env",
            "-i",
            "HOME=/home/" + user,
            "PATH=/usr/bin:/bin",
            "DISABLE_AUTOUPDATER=1",
            claude.toString(),
            "auth",
            "status");
    return new Status(r.code(), (Map<?, ?>) StrictJson.parse(r.out()));
  }

  @Test
  void the_real_claude_reads_a_restored_login_as_logged_in() throws Exception {
    Optional<Path> installed = claude();
    assumeTrue(
        installed.isPresent(),
        "needs Claude Code (CLAUDE_CODE=…; .ci/run installs @anthropic-ai/claude-code from npm)");
    // the users may not reach root's cache: the self-contained binary, linked into the sandbox
    Path claude = box.dir().resolve("claude");
    Path real = installed.get().toRealPath();
    try {
      Files.createLink(claude, real);
    } catch (java.io.IOException e) {
      Files.copy(real, claude);
    }
    box.exec("chmod", "755", claude.toString()).ok();

    ClaudeAuthFixture f = ClaudeAuthFixture.open(site, "none");
    f.user("alice");
    String mcp = "{\"mcpOAuth\": {\"linear|abc\": {\"accessToken\": \"mcp-keep-me\"}}}";
    f.write("alice", ClaudeAuthPaths.CREDENTIALS, mcp);
    Status before = status(claude, "alice");
    assertEquals(false, before.json().get("loggedIn"), before.toString());
    assertEquals(1, before.code());

    f.vault.put(
        "secret", AUTH.path("alice"), Map.of("claudeAiOauth", StrictJson.parse(f.login(true))));
    Sandbox.Result sync = f.sync("alice");
    assertEquals(0, sync.code(), sync.both());
    assertTrue(sync.out().contains("restored"), sync.out());

    Status after = status(claude, "alice");
    assertEquals(0, after.code(), after.toString());
    assertEquals(true, after.json().get("loggedIn"), after.toString());
    assertEquals("claude.ai", after.json().get("authMethod"));
    assertEquals("max", after.json().get("subscriptionType"));
    Map<?, ?> file = (Map<?, ?>) StrictJson.parse(f.read("alice", ClaudeAuthPaths.CREDENTIALS));
    assertEquals(((Map<?, ?>) StrictJson.parse(mcp)).get("mcpOAuth"), file.get("mcpOAuth"));
  }
}
