package dev.workstation.util;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a secret looks like, for the places that must never show or publish one: a value under a
 * secret-like name ({@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*}, {@code *API_KEY*}, …),
 * and token-shaped text (API keys of the usual vendors, JWTs, private-key blocks, long hex). Used
 * to refuse world-readable managed settings and to redact {@code plan --diff}.
 */
public final class SecretShapes {
  public static final String REDACTED = "<redacted>";

  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|CREDENTIAL).*");
  private static final List<Pattern> TOKEN_SHAPES =
      List.of(
          Pattern.compile("sk-(ant-)?[A-Za-z0-9_-]{16,}"),
          Pattern.compile("gh[pousr]_[A-Za-z0-9]{20,}"),
          Pattern.compile("github_pat_[A-Za-z0-9_]{20,}"),
          Pattern.compile("glpat-[A-Za-z0-9_-]{16,}"),
          Pattern.compile("xox[abposr]-[A-Za-z0-9-]{10,}"),
          Pattern.compile("AKIA[0-9A-Z]{16}"),
          Pattern.compile("hvs\\.[A-Za-z0-9_-]{20,}"),
          Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          Pattern.compile("[A-Fa-f0-9]{40,}"));

  /** {@code KEY=value}, {@code KEY: value} or {@code "KEY": "value"}, as in env files and JSON. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^(\\s*\"?)([A-Za-z_][A-Za-z0-9_.-]*)(\"?\\s*[=:]\\s*\"?)(.+?)(\"?,?\\s*)$");

  /** The password of a URL's user info: {@code scheme://user:secret@host}. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]+:)[^@\\s]+@");

  /** A line that is nothing but a long run of base64 (the body of a key or certificate block). */
  private static final Pattern BASE64_LINE = Pattern.compile("\\s*[A-Za-z0-9+/=]{40,}\\s*");

  private SecretShapes() {}

  /** Whether a key (an env variable, a JSON field) is named like it holds a secret. */
  public static boolean secretName(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** Whether {@code value} holds token-shaped text. */
  public static boolean tokenShaped(String value) {
    return TOKEN_SHAPES.stream().anyMatch(p -> p.matcher(value).find());
  }

  /** {@code line} with every secret in it replaced by {@link #REDACTED}. */
  public static String redact(String line) {
    Matcher a = ASSIGNMENT.matcher(line);
    if (a.matches() && secretName(a.group(2)) && !a.group(4).isBlank()) {
      line = a.group(1) + a.group(2) + a.group(3) + REDACTED + a.group(5);
    }
    if (BASE64_LINE.matcher(line).matches()) {
      return REDACTED;
    }
    line = URL_PASSWORD.matcher(line).replaceAll("$1" + REDACTED + "@");
    for (Pattern p : TOKEN_SHAPES) {
      line = p.matcher(line).replaceAll(REDACTED);
    }
    return line;
  }
}
