package dev.workstation.secrets;

/**
 * Reads one field of a KV-v2 secret. Values are secrets: callers must never log, print, put in
 * argv, JSON output or exception messages what this returns.
 */
public interface Secrets {

  /**
   * The value, or throws {@link SecretsException} ({@code vault: secret/platform: permission
   * denied}).
   */
  String read(String mount, String path, String field) throws SecretsException;

  /** A Vault failure, with a message that names the path and the cause but never a value. */
  final class SecretsException extends Exception {
    private final boolean unreachable;
    private final boolean notFound;

    public SecretsException(String message, boolean unreachable) {
      this(message, unreachable, false);
    }

    public SecretsException(String message, boolean unreachable, boolean notFound) {
      super(message);
      this.unreachable = unreachable;
      this.notFound = notFound;
    }

    /** True when Vault could not be reached at all (network, timeout): callers may degrade. */
    public boolean unreachable() {
      return unreachable;
    }

    /** True when the secret (or field) does not exist (yet). */
    public boolean notFound() {
      return notFound;
    }
  }
}
