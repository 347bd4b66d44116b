package dev.workstation.it;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.secrets.TokenSpec;
import dev.workstation.secrets.VaultTokens;
import dev.workstation.site.SiteConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A site for the Claude-credentials job: the Vault fake enforcing the documented policies, root's
 * side done by hand the way reconcile does it (a token minted through {@code VaultTokens} with the
 * issuer policy, handed to the user as a 0600 file of theirs, the job's directories made 0700), and
 * a stand-in {@code claude} on the job's {@code PATH} for the inference check — no network here —
 * that answers "pong" only when the credentials file holds a "good" access token and logs every
 * call (argv included) outside the home.
 */
final class ClaudeAuthFixture {
  static final SiteConfig.ClaudeAuth AUTH = SiteConfig.ClaudeAuth.defaults("secret");
  private static final SecureRandom RANDOM = new SecureRandom();

  final Sandbox box;
  final VaultFake vault;
  final VaultTokens issuer;
  final Path bin;
  final Path calls;
  final String config;

  /** Every secret this fixture made: the scan looks for each of them. */
  final List<String> secrets = new ArrayList<>();

  private ClaudeAuthFixture(Site site, String check) throws Exception {
    box = site.box();
    vault = site.closeAfter(VaultTokensIT.withPolicies());
    String issuerToken =
        vault.issue("workstation", List.of("workstation-issuer"), Duration.ofDays(999));
    secrets.add(issuerToken);
    Path rootToken = Files.writeString(box.dir().resolve("root-vault-token"), issuerToken);
    issuer =
        VaultTokens.login(
            new SiteConfig.Vault(
                vault.address(),
                Optional.of(rootToken),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    config =
        site.configure(
            "vault: {address: "
                + vault.address()
                + ", token_file: /etc/workstation/vault-token}\n"
                + "claude_auth: {check: "
                + check
                + "}\n");
    bin = Files.createDirectories(box.dir().resolve("bin"));
    calls = Files.createDirectories(box.dir().resolve("calls"));
    box.exec("chmod", "1777", calls.toString()).ok();
    Path claude = bin.resolve("claude");
    Files.writeString(
        claude,
        "#!/bin/sh\n"
            + "# stand-in for `claude -p` (no network here): a good login answers, any other a 401\n"
            + "echo \"$*\" >> "
            + calls
            + "/$(id -un)\n"
            + "if grep -q '\"accessToken\": \"sk-ant-oat01-good-' \"$HOME/.claude/.credentials.json\";"
            + " then echo Pong.; exit 0; fi\n"
            + "echo 'API Error: 401 {\"type\":\"authentication_error\"}' >&2\n"
            + "exit 1\n");
    box.exec("chmod", "755", bin.toString(), claude.toString()).ok();
  }

  static ClaudeAuthFixture open(Site site, String check) throws Exception {
    return new ClaudeAuthFixture(site, check);
  }

  /** A new secret-looking value, remembered for the scan. */
  String secret(String prefix) {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    String s = prefix + HexFormat.of().formatHex(b);
    secrets.add(s);
    return s;
  }

  /** A Claude login whose access token is good (the stand-in accepts it) or not. */
  String login(boolean good) {
    return "{\"accessToken\": \""
        + secret(good ? "sk-ant-oat01-good-" : "sk-ant-oat01-bad-")
        + "\", \"refreshToken\": \""
        + secret("sk-ant-ort01-")
        + "\", \"expiresAt\": 1864000000000, \"scopes\": [\"user:inference\", \"user:profile\"],"
        + " \"subscriptionType\": \"max\"}";
  }

  /** An account with the job's directories and a scoped token minted for it: the token. */
  String user(String name) throws Exception {
    box.exec("useradd", "-m", "-s", "/bin/sh", name).ok();
    vault.policy(AUTH.policy(name), VaultTokensIT.userPolicy(name));
    for (String dir :
        List.of(
            ClaudeAuthPaths.CONFIG_DIR, ClaudeAuthPaths.STATE_DIR, ClaudeAuthPaths.CLAUDE_DIR)) {
      box.exec("install", "-d", "-o", name, "-g", name, "-m", "0700", home(name, dir)).ok();
    }
    String token = issuer.mint(TokenSpec.forUser(AUTH, name)).token();
    secrets.add(token);
    giveToken(name, token);
    return token;
  }

  /**
   * Writes {@code token} as {@code user}'s Vault token file (0600, theirs), as root's side does.
   */
  void giveToken(String user, String token) {
    write(user, ClaudeAuthPaths.VAULT_TOKEN, token + "\n");
  }

  /** Writes {@code content} at {@code rel} in {@code user}'s home, 0600, owned by them. */
  void write(String user, String rel, String content) {
    box.exec(
            List.of("install", "-o", user, "-g", user, "-m", "0600", "/dev/stdin", home(user, rel)),
            content.getBytes(StandardCharsets.UTF_8))
        .ok();
  }

  String read(String user, String rel) {
    return box.exec("cat", home(user, rel)).ok().out();
  }

  static String home(String user, String rel) {
    return "/home/" + user + "/" + rel;
  }

  /** The argv the job runs with, as the unit starts it: the user, a clean environment. */
  List<String> job(String user, String... extra) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "runuser",
                "-u",
                user,
                "--",
                "env",
                "-i",
                "HOME=/home/" + user,
                "USER=" + user,
                "LOGNAME=" + user,
                "PATH=" + bin + ":/usr/bin:/bin"));
    List<String> ws = new ArrayList<>(List.of("--config=" + config, "claude-auth", "sync"));
    ws.addAll(List.of(extra));
    argv.addAll(box.workstationArgv(ws.toArray(String[]::new)));
    return argv;
  }

  Sandbox.Result sync(String user, String... extra) {
    return box.exec(job(user, extra), null);
  }

  /** How many times the stand-in was asked, for {@code user}. */
  int checks(String user) {
    Sandbox.Result r = box.exec("cat", calls.resolve(user).toString());
    return r.code() != 0 ? 0 : (int) r.out().lines().count();
  }
}
