package dev.workstation.input;

import dev.workstation.util.Inert;
import java.util.List;

/** How {@link JsonFields} names a hostile value in an error line: by its type, never its text. */
final class JsonValues {
  private JsonValues() {}

  /** A hostile key, made printable and short enough for an error line. */
  static String shown(String key) {
    String s = Inert.text(key);
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  static String type(Object v) {
    return v == null
        ? "null"
        : v instanceof String
            ? "a string"
            : v instanceof Boolean
                ? "a boolean"
                : v instanceof Number ? "a number" : v instanceof List ? "a list" : "an object";
  }
}
