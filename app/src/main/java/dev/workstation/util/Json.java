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
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
