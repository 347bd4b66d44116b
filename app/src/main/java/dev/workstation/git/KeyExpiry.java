package dev.workstation.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When each key of an allowed-signers file stops being valid: its {@code valid-before} option, by
 * the key's SHA256 fingerprint (as {@code ssh-keygen -l} prints it).
 *
 * <p>Why this exists next to JGit's own check: git, and JGit, judge {@code valid-before} at the
 * commit's committer date, which its signer writes. The holder of a retired key can backdate a new
 * commit to before the date and it verifies. So a commit root has not applied yet is also judged at
 * the time it is read: a key whose {@code valid-before} has passed vouches for nothing new.
 */
final class KeyExpiry {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final Map<String, Instant> validBefore;

  private KeyExpiry(Map<String, Instant> validBefore) {
    this.validBefore = Map.copyOf(validBefore);
  }

  /** The {@code valid-before} of every key in {@code allowedSigners} that has one. */
  static KeyExpiry read(Path allowedSigners) throws IOException {
    Map<String, Instant> out = new HashMap<>();
    for (String line : Files.readAllLines(allowedSigners, StandardCharsets.UTF_8)) {
      parse(line).ifPresent(e -> out.merge(e.getKey(), e.getValue(), KeyExpiry::earlier));
    }
    return new KeyExpiry(out);
  }

  /** When the key with {@code fingerprint} ("SHA256:…") stops being valid, if it does. */
  Optional<Instant> validBefore(String fingerprint) {
    return Optional.ofNullable(fingerprint).map(validBefore::get);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** One line: {@code principals [options] keytype base64 [comment]}. */
  static Optional<Map.Entry<String, Instant>> parse(String line) {
    List<String> fields = fields(line.strip());
    if (fields.size() < 3 || fields.get(0).startsWith("#")) {
      return Optional.empty();
    }
    boolean hasOptions = !isKeyType(fields.get(1));
    int keyAt = hasOptions ? 3 : 2;
    if (!hasOptions || fields.size() <= keyAt) {
      return Optional.empty();
    }
    Optional<Instant> before = option(fields.get(1), "valid-before").flatMap(KeyExpiry::time);
    if (before.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] blob = Base64.getDecoder().decode(fields.get(keyAt));
      return Optional.of(Map.entry(fingerprint(blob), before.get()));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not a key: JGit refuses the line on its own
    }
  }

  /** The fingerprint {@code ssh-keygen -l} prints: SHA256 of the key blob, unpadded base64. */
  static String fingerprint(byte[] blob) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isKeyType(String s) {
    return s.startsWith("ssh-") || s.startsWith("ecdsa-") || s.startsWith("sk-");
  }

  /** The value of {@code name} in an options field ({@code a="x,y",b=z}). */
  private static Optional<String> option(String options, String name) {
    for (String o : split(options, ',')) {
      int eq = o.indexOf('=');
      if (eq > 0 && o.substring(0, eq).equalsIgnoreCase(name)) {
        return Optional.of(unquote(o.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code YYYYMMDD[HHMM[SS]]}, local time unless it ends in {@code Z} (as ssh-keygen reads it).
   */
  static Optional<Instant> time(String s) {
    boolean utc = s.endsWith("Z") || s.endsWith("z");
    String t = utc ? s.substring(0, s.length() - 1) : s;
    ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
    try {
      LocalDateTime at =
          switch (t.length()) {
            case 8 -> java.time.LocalDate.parse(t, DAY).atStartOfDay();
            case 12 -> LocalDateTime.parse(t, MINUTE);
            case 14 -> LocalDateTime.parse(t, SECOND);
            default -> null;
          };
      return Optional.ofNullable(at).map(a -> a.atZone(zone).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static List<String> fields(String line) {
    return split(line, ' ').stream().filter(f -> !f.isEmpty()).toList();
  }

  /** Splits on {@code sep} (or any whitespace for ' ') outside double quotes. */
  private static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      boolean at = sep == ' ' ? Character.isWhitespace(c) : c == sep;
      if (at && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
