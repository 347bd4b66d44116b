package dev.workstation.roster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a systemd {@code EnvironmentFile=}: which key it sets and to what. Read leniently (as
 * systemd and a shell {@code source} would): leading blanks, an {@code export} prefix, blanks
 * around {@code =}, surrounding quotes and a trailing CR are allowed; {@code #} and {@code ;} lines
 * are comments.
 */
public final class EnvLine {
  private static final Pattern ASSIGNMENT =
      Pattern.compile("[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \\t]*=(.*)");

  private EnvLine() {}

  /** The key {@code line} sets, or null for a comment, a blank or anything else. */
  public static String key(String line) {
    Matcher m = ASSIGNMENT.matcher(stripCr(line));
    return m.matches() ? m.group(1) : null;
  }

  /** The value {@code line} gives {@code key}, unquoted and trimmed; null if it sets another. */
  public static String valueOf(String line, String key) {
    Matcher m = ASSIGNMENT.matcher(stripCr(line));
    if (!m.matches() || !m.group(1).equals(key)) {
      return null;
    }
    String v = m.group(2).strip();
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
