package dev.workstation.it;

import static dev.workstation.it.ClaudeAuthFixture.AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.claudeauth.ClaudeAuthResult;
import dev.workstation.claudeauth.Outcome;
import dev.workstation.input.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code workstation claude-auth sync} as a real sandbox user (SPEC §6.12), against the Vault fake
 * enforcing the documented policies, with a stand-in {@code claude} for the inference check (no
 * network here; {@code RealClaudeIT} shows the real one reading a restored login).
 */
class ClaudeAuthSyncIT extends SiteTest {
  static final String CREDS = ClaudeAuthPaths.CREDENTIALS;
  static final String MCP = "\"mcpOAuth\": {\"linear|abc\": {\"accessToken\": \"mcp-keep-me\"}}";

  ClaudeAuthFixture f;

  @BeforeEach
  void site() throws Exception {
    f = ClaudeAuthFixture.open(site, "inference");
  }

  static Map<?, ?> json(String text) {
    return (Map<?, ?>) StrictJson.parse(text);
  }

  ClaudeAuthResult result(String user) {
    return ClaudeAuthResult.parse(
        "result", f.read(user, ClaudeAuthPaths.RESULT).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_working_login_is_backed_up_and_the_other_keys_at_its_path_survive() throws Exception {
    f.user("alice");
    String login = f.login(true);
    f.write("alice", CREDS, "{" + MCP + ", \"claudeAiOauth\": " + login + "}");
    Map<String, Object> siblings = new LinkedHashMap<>();
    siblings.put("note", "restored by hand in 2025");
    siblings.put("other", Map.of("x", 1));
    f.vault.put("secret", AUTH.path("alice"), siblings);
    String before = box.fingerprint("/home/alice/.claude");

    Sandbox.Result r = f.sync("alice");
    assertEquals(0, r.code(), r.both());
    assertEquals(1, r.out().lines().count(), "one line: " + r.out());
    assertTrue(r.out().startsWith("claude-auth sync: backed-up: the login works; backed up to"));
    Map<String, Object> stored = f.vault.get("secret", AUTH.path("alice")).orElseThrow();
    assertEquals(json(login), stored.get("claudeAiOauth"));
    assertEquals("restored by hand in 2025", stored.get("note"));
    assertEquals("1", String.valueOf(((Map<?, ?>) stored.get("other")).get("x")));
    assertEquals(before, box.fingerprint("/home/alice/.claude"), "the file is left as it was");
    assertEquals(1, f.checks("alice"));
    assertEquals(Outcome.BACKED_UP, result("alice").outcome());
    assertEquals(
        "-rw------- alice",
        box.exec("stat", "-c", "%A %U", ClaudeAuthFixture.home("alice", ClaudeAuthPaths.RESULT))
            .ok()
            .out()
            .strip());

    int writes = writes();
    Sandbox.Result again = f.sync("alice");
    assertEquals(0, again.code(), again.both());
    assertTrue(again.out().contains("is current"), again.out());
    assertEquals(writes, writes(), "an unchanged login is not written to Vault again");
  }

  int writes() {
    return (int) f.vault.requests().stream().filter(q -> q.startsWith("POST secret/data/")).count();
  }

  @Test
  void a_broken_login_is_restored_keeping_the_other_keys_and_then_passes() throws Exception {
    f.user("alice");
    String good = f.login(true);
    f.vault.put("secret", AUTH.path("alice"), Map.of("claudeAiOauth", json(good)));
    f.write("alice", CREDS, "{\"claudeAiOauth\": " + f.login(false) + ", " + MCP + "}");

    Sandbox.Result r = f.sync("alice");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("restored: the login does not work (claude -p exited 1)"), r.out());
    Map<?, ?> now = json(f.read("alice", CREDS));
    assertEquals(json(good), now.get("claudeAiOauth"));
    assertEquals(json("{" + MCP + "}").get("mcpOAuth"), now.get("mcpOAuth"), "MCP OAuth kept");
    assertEquals(
        "-rw------- alice alice",
        box.exec("stat", "-c", "%A %U %G", ClaudeAuthFixture.home("alice", CREDS))
            .ok()
            .out()
            .strip());
    assertEquals(2, f.checks("alice"), "checked, restored once, checked again");
    assertEquals(Outcome.RESTORED, result("alice").outcome());
  }

  @Test
  void a_lost_file_is_restored_and_with_no_backup_the_user_is_told_to_log_in() throws Exception {
    f.user("alice");
    f.user("bob");
    f.vault.put("secret", AUTH.path("alice"), Map.of("claudeAiOauth", json(f.login(true))));
    assertEquals(0, f.sync("alice").code());
    assertTrue(json(f.read("alice", CREDS)).containsKey("claudeAiOauth"), "made from the backup");

    Sandbox.Result bob = f.sync("bob");
    assertEquals(1, bob.code(), bob.both());
    assertTrue(bob.out().contains("no-backup: there is no ~/.claude/.credentials.json"), bob.out());
    assertTrue(bob.out().contains("must log in"), bob.out());
    assertFalse(box.exec("test", "-e", ClaudeAuthFixture.home("bob", CREDS)).code() == 0);
  }

  @Test
  void a_restored_login_that_does_not_work_either_is_undone() throws Exception {
    f.user("alice");
    String mine = "{\"claudeAiOauth\": " + f.login(false) + ", " + MCP + "}";
    f.write("alice", CREDS, mine);
    f.vault.put("secret", AUTH.path("alice"), Map.of("claudeAiOauth", json(f.login(false))));
    Sandbox.Result r = f.sync("alice");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.out().contains("still-failing") && r.out().contains("back as it was"), r.out());
    assertEquals(json(mine), json(f.read("alice", CREDS)), "the user's own login is back");
  }

  @Test
  void a_setup_token_wins_and_the_launcher_hands_it_to_claude() throws Exception {
    f.user("alice");
    String setup = f.secret("sk-ant-oat01-setup-");
    f.vault.put(
        "secret",
        AUTH.path("alice"),
        Map.of("setup_token", setup, "claudeAiOauth", json(f.login(true))));
    f.write("alice", CREDS, "{\"claudeAiOauth\": " + f.login(false) + "}");
    String before = box.fingerprint("/home/alice/.claude");

    Sandbox.Result r = f.sync("alice");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().startsWith("claude-auth sync: setup-token:"), r.out());
    String env = ClaudeAuthFixture.home("alice", ClaudeAuthPaths.OAUTH_ENV);
    assertEquals("CLAUDE_CODE_OAUTH_TOKEN=" + setup + "\n", box.exec("cat", env).ok().out());
    assertEquals("-rw-------", box.exec("stat", "-c", "%A", env).ok().out().strip());
    assertEquals(before, box.fingerprint("/home/alice/.claude"), "credentials untouched");
    assertEquals(0, f.checks("alice"), "no check: the setup token is the login");

    // the launcher loads it into claude's environment (a stand-in claude that notes what it got)
    f.write("alice", "start-claude.sh", launcher());
    box.write(
        f.bin.resolve("launcher-bin/claude").toString(),
        "#!/bin/sh\n" + "printf %s \"$CLAUDE_CODE_OAUTH_TOKEN\" > \"$HOME/seen\"\n",
        "755");
    box.exec(
            "runuser",
            "-u",
            "alice",
            "--",
            "env",
            "-i",
            "HOME=/home/alice",
            "PATH=" + f.bin.resolve("launcher-bin") + ":/usr/bin:/bin",
            "SHELL=/bin/sh",
            "/bin/sh",
            "/home/alice/start-claude.sh")
        .ok();
    assertEquals(setup, f.read("alice", "seen"));

    f.vault.put("secret", AUTH.path("alice"), Map.of("claudeAiOauth", json(f.login(true))));
    Sandbox.Result withdrawn = f.sync("alice");
    assertEquals(1, box.exec("test", "-e", env).code(), "a withdrawn setup token's file goes");
    assertTrue(withdrawn.out().contains("restored"), withdrawn.out());
  }

  static String launcher() throws Exception {
    return java.nio.file.Files.readString(
        java.nio.file.Path.of(System.getProperty("workstation.repo", ".."))
            .resolve("managed-config/start-claude.sh"));
  }

  @Test
  void a_foreign_token_is_refused_and_nothing_is_touched() throws Exception {
    f.user("alice");
    String bobs = f.user("bob");
    String good = "{\"claudeAiOauth\": " + f.login(true) + "}";
    f.write("alice", CREDS, good);
    f.vault.put("secret", AUTH.path("bob"), Map.of("claudeAiOauth", "bob's backup"));
    List<String> foreign =
        List.of(
            bobs, // another user's scoped token
            f.vault.issue( // the right name, one policy too many
                AUTH.displayName("alice"),
                List.of(AUTH.policy("alice"), AUTH.policy("bob")),
                java.time.Duration.ofHours(24)),
            f.vault.issue( // the right policy, another name
                "someone", List.of(AUTH.policy("alice")), java.time.Duration.ofHours(24)));
    for (String token : foreign) {
      f.secrets.add(token);
      f.giveToken("alice", token);
      int requests = f.vault.requests().size();
      Sandbox.Result r = f.sync("alice");
      assertEquals(1, r.code(), r.both());
      assertTrue(r.out().contains("token-refused") && r.out().contains("not alice's"), r.out());
      assertEquals(
          List.of("GET auth/token/lookup-self"),
          f.vault.requests().subList(requests, f.vault.requests().size()),
          "refused after looking itself up: nothing read, written or renewed");
      assertEquals(good, f.read("alice", CREDS));
    }
    assertEquals(
        Map.of("claudeAiOauth", "bob's backup"), f.vault.get("secret", AUTH.path("bob")).get());
    assertEquals(0, f.checks("alice"));
  }

  @Test
  void a_revoked_token_or_none_at_all_is_a_clear_failure() throws Exception {
    f.user("alice");
    f.vault.liveTokens().stream()
        .filter(t -> t.get("display_name").equals("token-workstation-claude-auth-alice"))
        .forEach(t -> assertTrue(f.vault.revoked(t.get("accessor").toString()) || revoke(t)));
    Sandbox.Result revoked = f.sync("alice");
    assertEquals(1, revoked.code());
    assertTrue(
        revoked.out().contains("token-refused") && revoked.out().contains("revoked or expired"),
        revoked.out());
    box.exec("rm", ClaudeAuthFixture.home("alice", ClaudeAuthPaths.VAULT_TOKEN)).ok();
    Sandbox.Result none = f.sync("alice");
    assertEquals(1, none.code());
    assertTrue(none.out().contains("not-configured: no Vault token"), none.out());
    assertEquals(Outcome.NOT_CONFIGURED, result("alice").outcome());
  }

  boolean revoke(Map<String, Object> token) {
    try {
      return f.issuer.revokeAccessor(token.get("accessor").toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything in alice's home but the job's result. */
  static final String[] KEPT = {
    "/home/alice/.claude", "/home/alice/.config", "/home/alice/real-credentials.json"
  };

  @Test
  void malformed_json_a_symlink_and_a_fifo_are_refused_and_nothing_is_lost() throws Exception {
    f.user("alice");
    f.vault.put("secret", AUTH.path("alice"), Map.of("claudeAiOauth", json(f.login(true))));
    String file = ClaudeAuthFixture.home("alice", CREDS);
    String elsewhere = ClaudeAuthFixture.home("alice", "real-credentials.json");
    f.write("alice", "real-credentials.json", "{\"claudeAiOauth\": " + f.login(false) + "}");
    List<String> traps =
        List.of(
            "printf '{\"claudeAiOauth\": {' > " + file,
            "ln -s " + elsewhere + " " + file,
            "mkfifo -m 600 " + file);
    for (String trap : traps) {
      box.exec("rm", "-f", file).ok();
      box.asUser("alice", trap).ok();
      String before = box.fingerprint(KEPT);
      int writes = writes();
      Sandbox.Result r = f.sync("alice");
      assertEquals(1, r.code(), trap + ": " + r.both());
      assertTrue(
          r.out().contains("credentials-refused") && r.out().contains("left as it is"), r.out());
      assertEquals(before, box.fingerprint(KEPT), trap + ": nothing in the home changed");
      assertEquals(writes, writes(), "nothing written to Vault");
    }
    assertEquals(0, f.checks("alice"));
  }

  @Test
  void check_none_looks_at_the_shape_only() throws Exception {
    f = ClaudeAuthFixture.open(site, "none");
    f.user("carol");
    f.write("carol", CREDS, "{\"claudeAiOauth\": " + f.login(false) + "}");
    assertEquals(0, f.sync("carol").code(), "a well-shaped login passes without claude");
    f.write("carol", CREDS, "{\"claudeAiOauth\": {\"accessToken\": \"x\"}}");
    Sandbox.Result r = f.sync("carol");
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out().contains("restored: ~/.claude/.credentials.json has no claudeAiOauth"), r.out());
    assertEquals(0, f.checks("carol"));
  }

  /**
   * Every secret the site holds — Vault tokens (root's, each user's, a foreign one), access and
   * refresh tokens, a setup token — stays out of every output (people's and {@code --json}), every
   * process's argv (sampled while the jobs run; the stand-in claude logs its own), the result
   * files, every other file in the homes and any git config there.
   */
  @Test
  void no_token_reaches_output_argv_json_the_result_file_or_git() throws Exception {
    f.user("alice");
    String bobs = f.user("bob");
    f.user("carol");
    f.vault.put("secret", AUTH.path("alice"), Map.of("claudeAiOauth", json(f.login(true))));
    f.write("alice", CREDS, "{\"claudeAiOauth\": " + f.login(false) + ", " + MCP + "}");
    f.write("bob", CREDS, "{\"claudeAiOauth\": " + f.login(true) + "}");
    f.vault.put("secret", AUTH.path("carol"), Map.of("setup_token", f.secret("sk-ant-oat01-s-")));
    box.asUser("bob", "git init -q ~/proj && git -C ~/proj config user.name bob").ok();
    java.nio.file.Path seen = box.dir().resolve("argv-seen");
    Process sampler =
        box.start(
            List.of(
                "/bin/sh",
                "-c",
                "while :; do cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' ' >> "
                    + seen
                    + "; echo >> "
                    + seen
                    + "; done"));
    List<String> outputs = new java.util.ArrayList<>();
    try {
      for (String u : List.of("alice", "bob", "carol")) {
        outputs.add(f.sync(u).both());
        outputs.add(f.sync(u, "--json").both());
        outputs.add(box.exec(f.job(u, "--stacktrace"), null).both());
      }
      f.giveToken("alice", bobs); // a foreign token is refused without being shown
      outputs.add(f.sync("alice").both());
      outputs.add(f.sync("alice", "--json").both());
    } finally {
      sampler.destroy();
      sampler.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    String argv = java.nio.file.Files.readString(seen) + box.sh("cat " + f.calls + "/*").out();
    assertTrue(argv.contains("claude-auth sync"), "the sampler saw the jobs");
    String files =
        box.sh(
                "find /home -type f ! -name .credentials.json ! -name oauth.env ! -name vault-token"
                    + " -exec cat {} + 2>/dev/null")
            .out();
    assertTrue(files.contains("\"outcome\""), "the result files were scanned");
    for (String secret : f.secrets) {
      for (String out : outputs) {
        assertFalse(out.contains(secret), "a secret in output: " + out);
      }
      assertFalse(argv.contains(secret), "a secret in some process's argv");
      assertFalse(files.contains(secret), "a secret in a result file, git config or other file");
    }
  }

  /**
   * The unit's writable paths are enough: the job runs with the home read-only but for exactly the
   * unit's {@code ReadWritePaths=} (read from the unit file, as systemd would mount them) and its
   * {@code UMask=}, restores a login by renaming over {@code .credentials.json}, writes a setup
   * token's env file and its result — and anything else in the home is out of reach.
   */
  @Test
  void the_units_writable_paths_are_enough_and_nothing_else_in_the_home_is_writable()
      throws Exception {
    f.user("alice");
    f.vault.put("secret", AUTH.path("alice"), Map.of("claudeAiOauth", json(f.login(true))));
    f.write("alice", CREDS, "{\"claudeAiOauth\": " + f.login(false) + ", " + MCP + "}");
    Sandbox.Result restored = confined("alice", f.job("alice"));
    assertEquals(0, restored.code(), restored.both());
    assertTrue(restored.out().contains("restored"), restored.out());
    assertEquals(Outcome.RESTORED, result("alice").outcome());

    f.vault.put("secret", AUTH.path("alice"), Map.of("setup_token", f.secret("sk-ant-oat01-u-")));
    Sandbox.Result setup = confined("alice", f.job("alice"));
    assertEquals(0, setup.code(), setup.both());
    assertTrue(setup.out().contains("setup-token"), setup.out());

    Sandbox.Result elsewhere =
        confined("alice", List.of("runuser", "-u", "alice", "--", "touch", "/home/alice/x"));
    assertEquals(1, elsewhere.code(), "the harness confines: " + elsewhere.both());
    assertTrue(elsewhere.err().contains("Read-only file system"), elsewhere.err());
  }

  /**
   * {@code argv} in a mount namespace shaped like the unit's: the home read-only but for its list.
   */
  Sandbox.Result confined(String user, List<String> argv) throws Exception {
    String unit =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(System.getProperty("workstation.repo", ".."))
                .resolve("systemd/workstation-claude-auth@.service"));
    String writable =
        unit.lines()
            .filter(l -> l.startsWith("ReadWritePaths="))
            .findFirst()
            .orElseThrow()
            .substring("ReadWritePaths=".length())
            .replace("%i", user)
            .replace("-/", "/");
    assertTrue(unit.contains("ProtectHome=read-only") && unit.contains("UMask=0077"), unit);
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                "mount --bind /home/$1 /home/$1 && mount -o remount,bind,ro /home/$1"
                    + " && for d in $2; do mount --bind $d $d && mount -o remount,bind,rw $d; done"
                    + " && shift 2 && umask 077"
                    + " && exec \"$@\"",
                "sh",
                user,
                writable));
    all.addAll(argv);
    return box.exec(all, null);
  }
}
