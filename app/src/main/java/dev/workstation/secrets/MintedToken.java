package dev.workstation.secrets;

/**
 * A token just minted: its accessor (not a secret: it can look up and revoke the token, not use it)
 * and the token itself, which goes to its user's file and nowhere else — never a log line, argv,
 * {@code --json} or exception. {@link #toString} leaves it out.
 */
public record MintedToken(String accessor, String token) {
  @Override
  public String toString() {
    return "MintedToken[accessor=" + accessor + ", token=<redacted>]";
  }
}
