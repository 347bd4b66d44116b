package dev.workstation.util;

/**
 * The one escaping function for everything a person or a log reader sees (SPEC §8.3): a value that
 * came from a roster, a home, a git remote or a file name may carry ESC sequences, CR, LF or
 * look-alike records; after this it is inert text on one line.
 *
 * <ul>
 *   <li>{@link #text}: control characters (C0 including TAB, CR, LF and ESC; DEL; C1) become {@code
 *       \t}, {@code \r}, {@code \n} or {@code \xNN}; Unicode line separators and bidi controls
 *       (which can reorder or break what a terminal shows) become {@code \}{@code u{XXXX}}. A
 *       backslash stays, so ordinary paths read as they are.
 *   <li>{@link #value}: a logfmt value — {@link #text} plus double quotes around anything empty or
 *       holding a space, {@code =}, a quote or a backslash (inside which {@code \"} and {@code \\}
 *       are escaped), so {@code key=value} pairs cannot be forged from inside a value.
 * </ul>
 *
 * {@code --json} never comes through here: the JSON writer escapes as JSON does.
 */
public final class Inert {
  private Inert() {}

  /** {@code s} with every control character escaped (null → {@code "null"}). */
  public static String text(String s) {
    if (s == null) {
      return "null";
    }
    if (clean(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints().forEach(c -> append(b, c));
    return b.toString();
  }

  /** {@code s} as one logfmt value: escaped, and quoted when it must be. */
  public static String value(String s) {
    String t = text(s);
    boolean quote = t.isEmpty();
    for (int i = 0; i < t.length() && !quote; i++) {
      char c = t.charAt(i);
      quote = c == ' ' || c == '=' || c == '"' || c == '\\';
    }
    if (!quote) {
      return t;
    }
    StringBuilder b = new StringBuilder(t.length() + 8).append('"');
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /** Whether {@link #text} would change {@code s}: it holds a control character. */
  public static boolean hasControl(String s) {
    return s != null && s.codePoints().anyMatch(Inert::needsEscape);
  }

  private static boolean clean(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (needsEscape(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean needsEscape(int c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c
        || (c >= 0xd800 && c <= 0xdfff); // as a code point: a lone surrogate, not text
  }

  private static void append(StringBuilder b, int c) {
    switch (c) {
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      default -> {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
          b.append(String.format("\\x%02x", c));
        } else if (needsEscape(c)) {
          b.append(String.format("\\u{%04x}", c));
        } else {
          b.appendCodePoint(c);
        }
      }
    }
  }
}
