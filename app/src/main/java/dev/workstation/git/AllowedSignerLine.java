package dev.workstation.git;

import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * One line of git's allowed-signers file, read as {@code ssh-keygen -Y verify} reads it
 * (ssh-keygen(1), ALLOWED SIGNERS): {@code principals [options] keytype base64 [comment]}.
 * Principals are a comma-separated pattern list, optionally in double quotes; options are
 * comma-separated, without spaces outside double quotes: {@code cert-authority}, {@code
 * namespaces="…"}, {@code valid-after="…"} and {@code valid-before="…"} (keywords in any case,
 * values quoted, each at most once). Anything else is an error with the column it starts at.
 */
final class AllowedSignerLine {
  static final Set<String> KEY_TYPES =
      Set.of(
          "ssh-ed25519",
          "ssh-rsa",
          "ssh-dss",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521",
          "sk-ssh-ed25519@openssh.com",
          "sk-ecdsa-sha2-nistp256@openssh.com");

  /** Why a line is refused, and the 1-based column where the trouble starts. */
  static final class Malformed extends Exception {
    final int column;

    Malformed(int column, String message) {
      super(message);
      this.column = column;
    }
  }

  private final String s;
  private int at;

  private AllowedSignerLine(String s) {
    this.s = s;
  }

  /** The signer on {@code line}; empty for a blank line or a comment. */
  static Optional<AllowedSigners.Signer> parse(String line, int number) throws Malformed {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new Malformed(
            i + 1,
            c == '\r'
                ? "ends in a carriage return (DOS line ends); convert the file with dos2unix"
                : "holds a control character");
      }
    }
    return new AllowedSignerLine(line).read(number);
  }

  private Optional<AllowedSigners.Signer> read(int number) throws Malformed {
    skipSpace();
    if (at == s.length() || s.charAt(at) == '#') {
      return Optional.empty();
    }
    String principals = principals();
    skipSpace();
    if (at == s.length()) {
      throw new Malformed(at + 1, "has principals but no key after them");
    }
    int tokenAt = at;
    String token = token();
    String type = token;
    SignerOptions options = SignerOptions.NONE;
    if (!KEY_TYPES.contains(token) && !token.contains("-cert-v01@")) {
      options = SignerOptions.parse(s, tokenAt);
      at = options.end();
      skipSpace();
      tokenAt = at;
      type = token();
    }
    if (type.contains("-cert-v01@")) {
      throw new Malformed(
          tokenAt + 1,
          "lists a certificate ("
              + type
              + "); list the certificate authority's key with cert-authority instead");
    }
    if (!KEY_TYPES.contains(type)) {
      throw new Malformed(
          tokenAt + 1,
          type.isEmpty() ? "has no key" : "'" + type + "' is not an SSH key type git verifies");
    }
    skipSpace();
    int keyAt = at;
    byte[] blob = blob(type, token(), keyAt);
    return Optional.of(
        new AllowedSigners.Signer(
            number,
            principals,
            options.certAuthority(),
            options.namespaces(),
            options.validAfter(),
            options.validBefore(),
            type,
            blob,
            KeyBlobs.key(blob)));
  }

  private String principals() throws Malformed {
    int start = at;
    String p;
    if (s.charAt(at) == '"') {
      int end = s.indexOf('"', at + 1);
      if (end < 0) {
        throw new Malformed(start + 1, "the quoted principals have no closing quote");
      }
      p = s.substring(at + 1, end);
      at = end + 1;
      if (at < s.length() && !space(s.charAt(at))) {
        throw new Malformed(at + 1, "the quoted principals must be followed by a space");
      }
    } else {
      p = token();
    }
    for (String one : p.split(",", -1)) {
      if (one.isEmpty()) {
        throw new Malformed(start + 1, "the principals '" + p + "' hold an empty name");
      }
    }
    return p;
  }

  private byte[] blob(String type, String base64, int keyAt) throws Malformed {
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new Malformed(keyAt + 1, "the " + type + " key is not valid base64");
    }
    if (!type.equals(KeyBlobs.type(blob))) {
      throw new Malformed(keyAt + 1, "the key is not a " + type + " key (the line says it is)");
    }
    if (KeyBlobs.key(blob) == null) {
      throw new Malformed(keyAt + 1, "the " + type + " key cannot be read");
    }
    return blob;
  }

  private String token() {
    int start = at;
    while (at < s.length() && !space(s.charAt(at))) {
      at++;
    }
    return s.substring(start, at);
  }

  private void skipSpace() {
    while (at < s.length() && space(s.charAt(at))) {
      at++;
    }
  }

  static boolean space(char c) {
    return c == ' ' || c == '\t';
  }
}
