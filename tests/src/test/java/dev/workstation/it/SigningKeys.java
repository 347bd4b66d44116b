package dev.workstation.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Real OpenSSH keys made by {@code ssh-keygen} for a test's roster repository: an admin's, the
 * CLI's own ({@code roster.signing_key}) and mallory's (never listed), plus the allowed-signers
 * file that lists the admin and the CLI — what an admin sets up by following the runbook.
 */
public final class SigningKeys {
  private final Path dir;

  private SigningKeys(Path dir) {
    this.dir = dir;
  }

  /** Generates the three keys under {@code dir/keys} and an allowed-signers file for two. */
  public static SigningKeys create(Path dir) throws IOException, InterruptedException {
    SigningKeys keys = new SigningKeys(Files.createDirectories(dir.resolve("keys")));
    for (String name : List.of("admin", "cli", "mallory")) {
      keygen(keys.key(name), name + "@example.org");
    }
    Files.writeString(keys.allowedSigners(), "");
    keys.allow("viktor@example.org", keys.admin(), "");
    keys.allow("workstation@devvm", keys.cli(), "");
    return keys;
  }

  static void keygen(Path key, String comment) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("ssh-keygen failed: " + out);
    }
  }

  Path key(String name) {
    return dir.resolve(name);
  }

  /** The admin's private key: what signs their roster commits. */
  public Path admin() {
    return key("admin");
  }

  /** The key the CLI signs its own commits with ({@code roster.signing_key}). */
  public Path cli() {
    return key("cli");
  }

  /** A non-admin's key: signs perfectly valid signatures that no allowed signer vouches for. */
  public Path mallory() {
    return key("mallory");
  }

  public Path allowedSigners() {
    return dir.resolve("allowed_signers");
  }

  /** {@code ssh-ed25519 AAAA…} of {@code key} (the {@code .pub} beside it, comment dropped). */
  public static String publicKey(Path key) throws IOException {
    String[] parts = Files.readString(Path.of(key + ".pub")).strip().split(" ");
    return parts[0] + " " + parts[1];
  }

  /** Appends {@code principal [options] pubkey} to the allowed-signers file. */
  public void allow(String principal, Path key, String options) throws IOException {
    Files.writeString(
        allowedSigners(),
        principal + (options.isEmpty() ? "" : " " + options) + " " + publicKey(key) + "\n",
        StandardOpenOption.APPEND);
  }

  /** The {@code roster:} keys that turn verification and CLI signing on. */
  public String siteKeys() {
    return "  allowed_signers: " + allowedSigners() + "\n  signing_key: " + cli() + "\n";
  }
}
