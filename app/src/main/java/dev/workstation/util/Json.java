package dev.workstation.util;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A small, deterministic JSON writer: maps keep their iteration order, output is indented two
 * spaces and ends with a newline. Only what our reports need (maps, lists, strings, numbers,
 * booleans, null, Optionals).
 */
public final class Json {
  private Json() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.append('\n').toString();
  }

  /**
   * Compact, every object's keys sorted, no newline: the bytes {@code jq -c} writes for sorted
   * input ({@code {"a":{"b":1}}}). Two values that mean the same give the same string.
   */
  public static String compactSorted(Object value) {
    StringBuilder out = new StringBuilder();
    compact(out, value);
    return out.toString();
  }

  private static void compact(StringBuilder out, Object value) {
    if (value instanceof Map<?, ?> map) {
      java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      out.append('{');
      String sep = "";
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.append(sep);
        string(out, e.getKey());
        out.append(':');
        compact(out, e.getValue());
        sep = ",";
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      String sep = "";
      for (Object item : list) {
        out.append(sep);
        compact(out, item);
        sep = ",";
      }
      out.append(']');
    } else {
      write(out, value, 0);
    }
  }

  private static void write(StringBuilder out, Object value, int indent) {
    if (value instanceof Optional<?> o) {
      value = o.orElse(null);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Number n) {
      out.append(n.toString());
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        pad(out, indent + 1);
        string(out, String.valueOf(e.getKey()));
        out.append(": ");
        write(out, e.getValue(), indent + 1);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      int i = 0;
      for (Object item : list) {
        pad(out, indent + 1);
        write(out, item, indent + 1);
        out.append(++i < list.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  private static void pad(StringBuilder out, int indent) {
    out.append("  ".repeat(indent));
  }

  public static String quote(String s) {
    StringBuilder out = new StringBuilder();
    string(out, s);
    return out.toString();
  }

  /**
   * A JSON string. Besides what JSON requires, every character that a terminal or an editor acts on
   * instead of showing is written as {@code \\uXXXX}, so a value from a roster, a home or a
   * commit's author reaches a script's terminal ({@code jq}, {@code less}) inert: C0, DEL and C1
   * (U+009B is a one-byte CSI), the line and paragraph separators, and every format character
   * (Unicode's Cf: the bidi embeddings, overrides and isolates U+202A–202E and U+2066–2069, the
   * marks U+200E, U+200F and U+061C, zero-width characters, tag characters). A lone surrogate is
   * escaped too, rather than written as a byte sequence no decoder accepts. JSON readers decode the
   * same string, so nothing is lost.
   */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            if (inert(cp)) {
              out.append(c).append(s.charAt(i + 1));
            } else {
              unicode(out, c);
              unicode(out, s.charAt(i + 1));
            }
            i++;
          } else if (inert(c) && !Character.isSurrogate(c)) {
            out.append(c);
          } else {
            unicode(out, c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether code point {@code cp} is shown as itself (see {@link #string}). */
  static boolean inert(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          false;
      default -> true;
    };
  }

  private static void unicode(StringBuilder out, char c) {
    out.append(String.format("\\u%04x", (int) c));
  }
}
