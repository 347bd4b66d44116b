package dev.workstation.claudeauth;

import java.util.Arrays;
import java.util.Optional;

/** How one run of the Claude-credentials job ended: a closed set, each with its word and health. */
public enum Outcome {
  /** The credential works and is backed up to the user's Vault path. */
  BACKED_UP("backed-up", true),
  /** It did not work; the backup was restored into the file, and now it works. */
  RESTORED("restored", true),
  /** Vault holds a setup token for the user: it is in the env file the launcher loads. */
  SETUP_TOKEN("setup-token", true),
  /** No {@code claude_auth:}/{@code vault:} section, or no Vault token handed to the user yet. */
  NOT_CONFIGURED("not-configured", false),
  /** The Vault token is not this user's scoped token, or Vault no longer honours it. */
  TOKEN_REFUSED("token-refused", false),
  /** Vault could not be reached, or refused a call the token should be allowed. */
  VAULT_FAILED("vault-failed", false),
  /** The credentials file is a link, a FIFO, too large or not JSON: left exactly as it was. */
  CREDENTIALS_REFUSED("credentials-refused", false),
  /** A file in the home (the credentials, the env file) could not be written. */
  FILE_FAILED("file-failed", false),
  /** The credentials file changed while the job checked it (a session refreshed it): left alone. */
  CHANGED_MEANWHILE("changed-meanwhile", false),
  /** The check could not run (no {@code claude} to run): nothing was backed up or restored. */
  CHECK_UNAVAILABLE("check-unavailable", false),
  /** The credential does not work and Vault holds no usable backup: the user must log in. */
  NO_BACKUP("no-backup", false),
  /** Restored from the backup, and it still does not work: the user must log in. */
  STILL_FAILING("still-failing", false);

  private final String word;
  private final boolean ok;

  Outcome(String word, boolean ok) {
    this.word = word;
    this.ok = ok;
  }

  public String word() {
    return word;
  }

  /** Whether the user's Claude login is usable after this run. */
  public boolean ok() {
    return ok;
  }

  public static Optional<Outcome> parse(String word) {
    return Arrays.stream(values()).filter(o -> o.word.equals(word)).findFirst();
  }
}
