package dev.workstation.claudesync;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.claudeauth.Outcome;
import dev.workstation.claudesync.Ended.Stop;
import dev.workstation.host.HomeFiles;
import dev.workstation.secrets.KvEntry;
import dev.workstation.secrets.ScopedVault;
import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.secrets.TokenInfo;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Inert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One run of the job for one user, in SPEC §6.12's order: refuse a token that is not the user's own
 * and renew it; a setup token in Vault wins; otherwise check the login in the credentials file and
 * back it up when it works, or restore it once from the backup ({@link Backup}) when it does not.
 * Every step that cannot go on ends the run with its {@link Ended} and touches nothing after.
 */
final class SyncRun {
  private static final Pattern VAULT_TOKEN = Pattern.compile("[A-Za-z0-9._-]{8,512}");

  private final String address;
  private final SiteConfig.ClaudeAuth auth;
  private final Path home;
  private final String user;
  private final ClaudeCheck check;

  SyncRun(String address, SiteConfig.ClaudeAuth auth, Path home, String user, ClaudeCheck check) {
    this.address = address;
    this.auth = auth;
    this.home = home;
    this.user = user;
    this.check = check;
  }

  Ended run() {
    try {
      return steps();
    } catch (Stop s) {
      return s.ended;
    }
  }

  private Ended steps() throws Stop {
    ScopedVault vault = ownToken(connect());
    KvEntry stored = read(vault);
    Optional<String> setup = SetupToken.of(stored.data().get(SetupToken.FIELD));
    if (setup.isPresent()) {
      return setupToken(setup.get());
    }
    removeWithdrawnSetupToken();
    Credentials.Reading found = Credentials.read(home);
    if (found instanceof Credentials.Reading.Refused r) {
      throw new Stop(Outcome.CREDENTIALS_REFUSED, r.why() + "; left as it is");
    }
    Backup backup = new Backup(home, check, vault, auth, user, stored);
    if (found instanceof Credentials.Reading.Parsed p && p.login().isPresent()) {
      CheckResult first = check.run(home);
      if (first instanceof CheckResult.Passed) {
        return backup.backUp();
      }
      if (first instanceof CheckResult.Unavailable u) {
        throw new Stop(Outcome.CHECK_UNAVAILABLE, "cannot check the login: " + u.why());
      }
      return backup.restoreFrom(
          found, "the login does not work (" + ((CheckResult.Failed) first).why() + ")");
    }
    return backup.restoreFrom(found, Credentials.whyNoLogin(found));
  }

  /** Vault with the token root handed out; none yet is "not configured", not a failure of Vault. */
  private ScopedVault connect() throws Stop {
    Path file = home.resolve(ClaudeAuthPaths.VAULT_TOKEN);
    Optional<byte[]> bytes;
    try {
      bytes = HomeFiles.read(file, 4096);
    } catch (IOException e) {
      throw new Stop(Outcome.NOT_CONFIGURED, e.getMessage());
    }
    if (bytes.isEmpty()) {
      throw new Stop(
          Outcome.NOT_CONFIGURED,
          "no Vault token at ~/"
              + ClaudeAuthPaths.VAULT_TOKEN
              + " yet (root's reconcile hands it out)");
    }
    String token = new String(bytes.get(), StandardCharsets.UTF_8).strip();
    if (!VAULT_TOKEN.matcher(token).matches()) {
      throw new Stop(
          Outcome.NOT_CONFIGURED, "~/" + ClaudeAuthPaths.VAULT_TOKEN + " holds no Vault token");
    }
    try {
      return ScopedVault.connect(address, token);
    } catch (SecretsException e) {
      throw new Stop(Outcome.VAULT_FAILED, e.getMessage());
    }
  }

  /** Refuses a token that is not this user's scoped one (SPEC §6.12), and renews it. */
  private ScopedVault ownToken(ScopedVault vault) throws Stop {
    TokenInfo info;
    try {
      info = vault.lookupSelf();
    } catch (SecretsException e) {
      throw refused(e);
    }
    if (!info.isScoped(auth.displayName(user), auth.policy(user))) {
      throw new Stop(
          Outcome.TOKEN_REFUSED,
          "the token in ~/"
              + ClaudeAuthPaths.VAULT_TOKEN
              + " is not "
              + user
              + "'s claude-auth token (display name "
              + Inert.text(info.displayName())
              + ", policies "
              + Inert.text(String.join(",", info.grants()))
              + "); refused, nothing done");
    }
    try {
      vault.renewSelf();
    } catch (SecretsException e) {
      throw refused(e);
    }
    return vault;
  }

  private static Stop refused(SecretsException e) {
    return e.unreachable()
        ? new Stop(Outcome.VAULT_FAILED, e.getMessage())
        : new Stop(
            Outcome.TOKEN_REFUSED,
            e.getMessage() + ": the token is revoked or expired; root's next reconcile mints one");
  }

  private KvEntry read(ScopedVault vault) throws Stop {
    try {
      return vault.read(auth.mount(), auth.path(user));
    } catch (SecretsException e) {
      throw new Stop(Outcome.VAULT_FAILED, e.getMessage());
    }
  }

  private Ended setupToken(String token) throws Stop {
    String where = auth.mount() + "/" + auth.path(user);
    if (!SetupToken.wellFormed(token)) {
      throw new Stop(
          Outcome.VAULT_FAILED,
          "the setup_token at "
              + where
              + " is not a token (letters, digits, -._~+/= only); nothing written");
    }
    try {
      boolean changed = SetupToken.write(home, token);
      return new Ended(
          Outcome.SETUP_TOKEN,
          "Vault holds a setup token: ~/"
              + ClaudeAuthPaths.OAUTH_ENV
              + (changed ? " written" : " is current")
              + "; the launcher uses it");
    } catch (IOException e) {
      throw new Stop(
          Outcome.FILE_FAILED, "cannot write the setup token's env file: " + e.getMessage());
    }
  }

  private void removeWithdrawnSetupToken() throws Stop {
    try {
      SetupToken.remove(home);
    } catch (IOException e) {
      throw new Stop(
          Outcome.FILE_FAILED,
          "cannot remove a withdrawn setup token's env file: " + e.getMessage());
    }
  }
}
