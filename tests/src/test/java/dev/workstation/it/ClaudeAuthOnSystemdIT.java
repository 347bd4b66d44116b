package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.claudeauth.ClaudeAuthResult;
import dev.workstation.claudeauth.Outcome;
import dev.workstation.input.StrictJson;
import dev.workstation.secrets.ScopedVault;
import dev.workstation.site.SiteConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Root's side of SPEC §6.12 on a real systemd, walked in order on one sandbox: two users, one with
 * {@code claude_auth: false}; the first reconcile mints one scoped token (through the real Vault
 * client, against the fake enforcing the documented policies), writes one file and enables one
 * timer, and the second plans nothing; the shipped hardened service runs once for a user with a
 * stand-in {@code claude}; status and the metrics read its result; flipping the flag disables the
 * timer, clears its service's failed state and revokes the token, and flipping it back re-enables
 * both; Vault unreachable is kept back; and no token is in any output, log, argv or state file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaudeAuthOnSystemdIT {
  static final Path REPO = Path.of(System.getProperty("workstation.repo", ".."));
  static final String CONFIG = "/etc/workstation/workstation.yaml";
  static final String TIMER = "workstation-claude-auth@emo.timer";
  static final String SERVICE = "workstation-claude-auth@emo.service";
  static final String TOKEN = "/home/emo/" + ClaudeAuthPaths.VAULT_TOKEN;
  static final String METRICS = "/var/lib/prometheus/node-exporter/workstation.prom";
  static final SiteConfig.ClaudeAuth AUTH = SiteConfig.ClaudeAuth.defaults("secret");

  /** A stand-in for {@code claude -p} (no network here): a "good" login answers, any other 401. */
  static final String STAND_IN =
      "#!/bin/sh\n"
          + "if grep -q '\"accessToken\": \"sk-ant-oat01-good-' \"$HOME/.claude/.credentials.json\""
          + " 2>/dev/null; then echo Pong.; exit 0; fi\n"
          + "echo 'API Error: 401 {\"type\":\"authentication_error\"}' >&2\n"
          + "exit 1\n";

  static Sandbox box;
  static VaultFake vault;
  static RosterRepo roster;

  /** Every secret the site holds (the scan looks for each), and every output seen. */
  static final List<String> SECRETS = new ArrayList<>();

  static final List<String> OUTPUTS = new ArrayList<>();

  @BeforeAll
  static void boot() throws Exception {
    box = Sandbox.systemd();
    vault = VaultTokensIT.withPolicies("emo", "kai");
    String issuer = vault.issue("workstation", List.of("workstation-issuer"), Duration.ofDays(999));
    SECRETS.add(issuer);
    box.write("/etc/workstation/vault-token", issuer + "\n", "0600");
    roster = RosterRepo.create(box.dir());
    config(vault.address());
    for (String unit :
        List.of("workstation-claude-auth@.service", "workstation-claude-auth@.timer")) {
      box.write(
          "/etc/systemd/system/" + unit,
          Files.readString(REPO.resolve("systemd").resolve(unit)),
          "0644");
    }
    // the shipped unit runs /usr/bin/workstation, outside /tmp (PrivateTmp=yes hides the scratch
    // dir)
    box.exec(
            "install",
            "-D",
            "-m",
            "0644",
            box.dir().resolve("workstation-all.jar").toString(),
            "/usr/local/lib/workstation-it/workstation-all.jar")
        .ok();
    box.write(
        "/usr/bin/workstation",
        "#!/bin/sh\nexec "
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + " "
            + String.join(" ", dev.workstation.util.JvmFlags.all()) // as the launchers start it
            + " -jar"
            + " /usr/local/lib/workstation-it/workstation-all.jar \"$@\"\n",
        "0755");
    box.write("/usr/local/bin/claude", STAND_IN, "0755");
    box.systemctl("daemon-reload").ok();
  }

  @AfterAll
  static void close() throws Exception {
    Sandbox.closeAll(vault, roster, box);
  }

  static void config(String vaultAddress) {
    box.write(
        CONFIG,
        "roster: {url: "
            + roster.origin()
            + ", branch: master, path: "
            + RosterRepo.PATH
            + "}\nstate_dir: /var/lib/workstation\nhome_root: /home\n"
            + "vault: {address: "
            + vaultAddress
            + ", token_file: /etc/workstation/vault-token}\n"
            + "claude_auth: {check: inference}\n"
            + "metrics: {textfile_dir: /var/lib/prometheus/node-exporter}\n",
        "0644");
  }

  static void roster(boolean emo, boolean kai) throws Exception {
    roster.commitRoster("users:\n" + row("emo", emo) + row("kai", kai));
  }

  static String row(String user, boolean claudeAuth) {
    return "  "
        + user
        + ": {authentik_user: "
        + user
        + ", k8s_user: "
        + user
        + ", tier: power-user"
        + (claudeAuth ? "" : ", claude_auth: false")
        + "}\n";
  }

  static Sandbox.Result ws(String... args) {
    Sandbox.Result r = box.ws(CONFIG, args);
    OUTPUTS.add(r.both());
    return r;
  }

  static String prop(String unit, String property) {
    return box.systemctl("show", "-p", property, "--value", unit).out().strip();
  }

  static long lines(String out, String part) {
    return out.lines().filter(l -> l.contains(part)).count();
  }

  static long mints() {
    return vault.requests().stream().filter(q -> q.equals("POST auth/token/create")).count();
  }

  /** The token in emo's file, remembered for the scan. */
  static String emoToken() {
    String t = box.exec("cat", TOKEN).ok().out().strip();
    SECRETS.add(t);
    return t;
  }

  /** Whether {@code metrics} holds a claude_auth series of {@code user}'s. */
  static boolean claudeSeries(String metrics, String user) {
    return metrics
        .lines()
        .anyMatch(
            l -> l.startsWith("workstation_claude_auth_") && l.contains("user=\"" + user + "\""));
  }

  static String accessor(String user) {
    return box.exec("cat", "/var/lib/workstation/claude-auth/" + user).ok().out().strip();
  }

  @Test
  @Order(1)
  void
      the_first_run_mints_one_token_writes_one_file_enables_one_timer_and_the_second_plans_nothing()
          throws Exception {
    roster(true, false);
    Sandbox.Result first = ws("reconcile");
    assertEquals(0, first.code(), first.both());
    assertEquals(1, lines(first.out(), "action=mint-claude-token result=applied"), first.out());
    assertEquals(1, lines(first.out(), "action=enable-unit unit=workstation-claude-auth@"));
    assertTrue(first.out().contains("user=emo action=enable-unit unit=" + TIMER), first.out());
    assertEquals(1, mints());

    assertEquals(TOKEN, box.sh("find /home -name vault-token").out().strip(), "one file");
    assertEquals("-rw------- emo emo", box.exec("stat", "-c", "%A %U %G", TOKEN).out().strip());
    for (String dir : ClaudeAuthPaths.DIRS) {
      assertEquals(
          "drwx------ emo", box.exec("stat", "-c", "%A %U", "/home/emo/" + dir).out().strip(), dir);
    }
    assertEquals(1, box.exec("test", "-e", "/home/kai/.config/workstation").code(), "not kai's");
    ScopedVault emo = ScopedVault.connect(vault.address(), emoToken());
    assertTrue(emo.lookupSelf().isScoped(AUTH.displayName("emo"), AUTH.policy("emo")));
    assertEquals(
        "drwx------ root -rw------- root",
        box.sh(
                "stat -c '%A %U' /var/lib/workstation/claude-auth | tr '\\n' ' ';"
                    + " stat -c '%A %U' /var/lib/workstation/claude-auth/emo")
            .out()
            .strip());

    assertEquals("enabled", box.systemctl("is-enabled", TIMER).out().strip());
    assertEquals("active", box.systemctl("is-active", TIMER).out().strip());
    assertNotEquals(
        "enabled", box.systemctl("is-enabled", "workstation-claude-auth@kai.timer").out().strip());

    String before = box.exec("stat", "-c", "%Y %i %s", TOKEN).out();
    Sandbox.Result plan = ws("plan");
    assertEquals(0, plan.code(), "the second run plans nothing:\n" + plan.both());
    Sandbox.Result second = ws("reconcile");
    assertEquals(0, second.code(), second.both());
    assertFalse(second.out().contains("action="), second.out());
    assertEquals(1, mints(), "nothing minted again");
    assertEquals(before, box.exec("stat", "-c", "%Y %i %s", TOKEN).out(), "nothing written");
  }

  @Test
  @Order(2)
  void the_shipped_hardened_service_runs_as_the_user_and_status_and_metrics_read_its_result()
      throws Exception {
    String login =
        "{\"accessToken\": \"sk-ant-oat01-good-7f3a9c51d2e84b06\", \"refreshToken\":"
            + " \"sk-ant-ort01-c0ffee4d2b1a9e87\", \"expiresAt\": 1864000000000}";
    SECRETS.addAll(List.of("sk-ant-oat01-good-7f3a9c51d2e84b06", "sk-ant-ort01-c0ffee4d2b1a9e87"));
    box.exec(
            List.of(
                "install",
                "-o",
                "emo",
                "-g",
                "emo",
                "-m",
                "0600",
                "/dev/stdin",
                "/home/emo/" + ClaudeAuthPaths.CREDENTIALS),
            ("{\"claudeAiOauth\": " + login + "}").getBytes(StandardCharsets.UTF_8))
        .ok();
    Sandbox.Result start = box.systemctl("start", SERVICE);
    String journal = box.exec("journalctl", "--no-pager", "-o", "cat", "-u", SERVICE).out();
    OUTPUTS.add(journal);
    assertEquals(0, start.code(), start.both() + journal);
    assertEquals("success", prop(SERVICE, "Result"), journal);
    assertEquals("emo", prop(SERVICE, "User"));
    assertTrue(journal.contains("claude-auth sync: backed-up"), journal);
    assertEquals(
        StrictJson.parse(login),
        vault.get("secret", AUTH.path("emo")).orElseThrow().get("claudeAiOauth"));
    ClaudeAuthResult result =
        ClaudeAuthResult.parse(
            "result",
            box.exec("cat", "/home/emo/" + ClaudeAuthPaths.RESULT)
                .ok()
                .out()
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(Outcome.BACKED_UP, result.outcome());

    Sandbox.Result json = ws("status", "--json");
    assertEquals(0, json.code(), json.both());
    Map<?, ?> users = (Map<?, ?>) ((Map<?, ?>) StrictJson.parse(json.out())).get("users");
    Map<?, ?> emo = (Map<?, ?>) ((Map<?, ?>) users.get("emo")).get("claude_auth");
    assertEquals("ok", emo.get("state"), json.out());
    assertEquals("backed-up", emo.get("outcome"));
    assertEquals(null, ((Map<?, ?>) users.get("kai")).get("claude_auth"), "kai's job is off");
    Sandbox.Result human = ws("status");
    assertTrue(human.out().contains("    claude login: backed-up at "), human.out());

    ws("reconcile").ok();
    String metrics = box.exec("cat", METRICS).ok().out();
    assertTrue(metrics.contains("workstation_claude_auth_ok{user=\"emo\"} 1"), metrics);
    assertTrue(metrics.contains("workstation_claude_auth_enabled{user=\"emo\"} 1"), metrics);
    assertTrue(
        metrics.contains("workstation_claude_auth_last_success_timestamp_seconds{user=\"emo\"} "));
    assertFalse(claudeSeries(metrics, "kai"), "no series for a user whose flag is off");
  }

  @Test
  @Order(3)
  void flipping_the_flag_disables_the_timer_clears_the_failed_state_and_revokes_then_restores()
      throws Exception {
    box.exec(
            List.of(
                "install",
                "-o",
                "emo",
                "-g",
                "emo",
                "-m",
                "0600",
                "/dev/stdin",
                "/home/emo/" + ClaudeAuthPaths.CREDENTIALS),
            "{not json".getBytes(StandardCharsets.UTF_8))
        .ok();
    assertNotEquals(0, box.systemctl("start", SERVICE).code(), "the job refuses malformed JSON");
    assertEquals("failed", box.systemctl("is-failed", SERVICE).out().strip());
    String accessor = accessor("emo");
    String old = emoToken();

    roster(false, false);
    Sandbox.Result plan = ws("plan");
    assertEquals(2, plan.code(), plan.both());
    assertTrue(
        plan.out().contains("disable and stop " + TIMER + " (claude_auth is false)"), plan.out());
    assertTrue(
        plan.out()
            .contains("revoke emo's Vault token for the Claude login job (claude_auth is false)"),
        plan.out());
    assertFalse(plan.both().contains(accessor), "the accessor is root's alone");
    Sandbox.Result off = ws("reconcile");
    assertEquals(0, off.code(), off.both());
    assertEquals("disabled", box.systemctl("is-enabled", TIMER).out().strip());
    assertEquals("inactive", box.systemctl("is-active", TIMER).out().strip());
    assertEquals(
        "inactive", box.systemctl("is-failed", SERVICE).out().strip(), "failed state cleared");
    assertTrue(vault.revoked(accessor), "the fake saw the token revoked");
    assertTrue(vault.byAccessor(accessor).isEmpty());
    assertEquals(1, box.exec("test", "-e", "/var/lib/workstation/claude-auth/emo").code());
    assertEquals(0, ws("plan").code(), "nothing left to do");
    assertFalse(claudeSeries(box.exec("cat", METRICS).ok().out(), "emo"), "no series now");

    roster(true, false);
    Sandbox.Result on = ws("reconcile");
    assertEquals(0, on.code(), on.both());
    assertTrue(on.out().contains("user=emo action=mint-claude-token result=applied"), on.out());
    assertEquals("enabled", box.systemctl("is-enabled", TIMER).out().strip());
    assertEquals("active", box.systemctl("is-active", TIMER).out().strip());
    assertNotEquals(old, emoToken(), "a new token");
    assertNotEquals(accessor, accessor("emo"));
    assertEquals(0, ws("plan").code());
  }

  @Test
  @Order(4)
  void vault_unreachable_keeps_the_tokens_back_and_the_run_fails() throws Exception {
    config("http://127.0.0.1:9");
    try {
      Sandbox.Result plan = ws("plan");
      assertEquals(1, plan.code(), plan.both());
      assertTrue(
          plan.both().contains("error: vault: auth/token/lookup-accessor: unreachable"),
          plan.both());
      Sandbox.Result run = ws("reconcile");
      assertEquals(1, run.code(), run.both());
      assertTrue(run.out().contains("kept_back=1"), run.out());
      assertTrue(
          box.exec("cat", METRICS)
              .ok()
              .out()
              .contains("workstation_kept_back{input=\"claude_auth\"} 1"));
      assertEquals("enabled", box.systemctl("is-enabled", TIMER).out().strip(), "left as it was");
    } finally {
      config(vault.address());
    }
    assertEquals(0, ws("reconcile").code());
  }

  /**
   * The usual scan: a mint and a job run watched by an argv sampler, then every token the site
   * holds looked for in every output above, the service's journal, the sampled argv, the state dir
   * (records, run history, the roster mirror's git), the metrics, the homes' other files and the
   * config directory.
   */
  @Test
  @Order(5)
  void no_token_reaches_output_argv_json_logs_state_files_or_git() throws Exception {
    Path seen = box.dir().resolve("argv-seen");
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
    try {
      roster(true, true);
      ws("reconcile").ok();
      ws("reconcile", "--json");
      box.systemctl("start", "workstation-claude-auth@kai.service");
      ws("status", "--json");
      ws("plan", "--json");
    } finally {
      sampler.destroy();
      sampler.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    SECRETS.add(box.exec("cat", "/home/kai/" + ClaudeAuthPaths.VAULT_TOKEN).ok().out().strip());
    String argv = Files.readString(seen);
    assertTrue(argv.contains("reconcile"), "the sampler saw the runs");
    OUTPUTS.add(box.exec("journalctl", "--no-pager", "-o", "cat").out());
    String files =
        box.sh(
                "find /var/lib/workstation /var/lib/prometheus /etc/workstation /home "
                    + roster.origin()
                    + "/.git -type f ! -name vault-token ! -name .credentials.json"
                    + " -exec cat {} + 2>/dev/null")
            .out();
    assertTrue(files.contains("\"outcome\""), "the result files were scanned");
    for (String secret : SECRETS) {
      assertTrue(secret.length() > 12, secret);
      for (String out : OUTPUTS) {
        assertFalse(out.contains(secret), "a token in output: " + out);
      }
      assertFalse(argv.contains(secret), "a token in some process's argv");
      assertFalse(files.contains(secret), "a token in a state, metrics, config or git file");
    }
  }
}
