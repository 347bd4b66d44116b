package dev.workstation.input;

import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.input.YamlNode.ScalarType;
import dev.workstation.input.YamlNode.Sequence;
import dev.workstation.util.Inert;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, positioned reads of one YAML mapping. Every wrong type, missing required key or unknown
 * key becomes a {@link Problem} naming the exact path; reads never throw, so a caller collects
 * every problem of a file in one pass.
 */
public final class MappingReader {
  private final String file;
  private final String path;
  private final Mapping mapping;
  private final List<Problem> problems;
  private boolean strict;

  public MappingReader(
      String file, String path, Mapping mapping, Set<String> known, List<Problem> problems) {
    this.file = file;
    this.path = path;
    this.mapping = mapping;
    this.problems = problems;
    for (Entry e : mapping.entries()) {
      String key = e.key().value();
      if (!known.contains(key)) {
        String hint =
            Suggest.closest(key, known)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse(" (known: " + String.join(", ", sorted(known)) + ")");
        problems.add(at(e.key(), path(key), "unknown field" + hint));
      }
    }
  }

  /** Reads {@code node} as a mapping, or reports it and returns empty. Null reads as empty. */
  public static Optional<Mapping> asMapping(
      String file, String path, YamlNode node, List<Problem> problems) {
    if (node instanceof Mapping m) {
      return Optional.of(m);
    }
    if (node == null || (node instanceof Scalar s && s.isNull())) {
      return Optional.empty();
    }
    problems.add(
        new Problem(
            file, node.line(), node.column(), path, "must be a mapping, not " + node.describe()));
    return Optional.empty();
  }

  /**
   * Strict reads (the roster's rules): an explicit null ({@code parked: ~}, or a key with nothing
   * after it) is an error, never "use the default" — silently unparking someone is worse than a
   * clear message; and no string may hold a control character.
   */
  public MappingReader strict() {
    strict = true;
    for (Entry e : mapping.entries()) {
      if (e.value() instanceof Scalar s && s.isNull()) {
        problems.add(
            at(
                s.line() > 0 ? s : e.key(),
                path(e.key().value()),
                "is empty (null); give it a value, or remove the line to use the default"));
      }
    }
    return this;
  }

  /** {@code value} quoted for a message: escaped (SPEC §8.3) and cut to a readable length. */
  public static String quote(String value) {
    String v = value.length() > 80 ? value.substring(0, 77) + "..." : value;
    return "'" + Inert.text(v) + "'";
  }

  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public Mapping mapping() {
    return mapping;
  }

  public String file() {
    return file;
  }

  /** The raw node for {@code key}; null when absent or explicitly null. */
  public YamlNode node(String key) {
    YamlNode n = mapping.get(key);
    return n instanceof Scalar s && s.isNull() ? null : n;
  }

  public boolean has(String key) {
    return node(key) != null;
  }

  public Optional<Scalar> string(String key, boolean required) {
    YamlNode n = node(key);
    if (n == null) {
      if (required && !(strict && mapping.get(key) != null)) { // a strict null is reported
        missing(key);
      }
      return Optional.empty();
    }
    if (n instanceof Scalar s && s.type() == ScalarType.STRING) {
      return noControl(s, path(key)) ? Optional.of(s) : Optional.empty();
    }
    problems.add(at(n, path(key), "must be a string, not " + n.describe() + quoteHint(n)));
    return Optional.empty();
  }

  /** In strict mode, a string with a control character is reported (and not used). */
  private boolean noControl(Scalar s, String where) {
    if (!strict || !Inert.hasControl(s.value())) {
      return true;
    }
    problems.add(
        at(
            s,
            where,
            "contains a control character: "
                + quote(s.value())
                + "; values are plain text on one line"));
    return false;
  }

  public Optional<Boolean> bool(String key) {
    YamlNode n = node(key);
    if (n == null) {
      return Optional.empty();
    }
    if (n instanceof Scalar s && s.type() == ScalarType.BOOL) {
      return Optional.of(s.value().equalsIgnoreCase("true"));
    }
    String shown = n instanceof Scalar s ? " " + quote(s.value()) : "";
    problems.add(at(n, path(key), "must be true or false, not " + n.describe() + shown));
    return Optional.empty();
  }

  public Optional<Long> integer(String key) {
    YamlNode n = node(key);
    if (n == null) {
      return Optional.empty();
    }
    if (n instanceof Scalar s && s.type() == ScalarType.INT) {
      try {
        return Optional.of(Long.decode(s.value().replace("0o", "0")));
      } catch (NumberFormatException e) {
        problems.add(at(n, path(key), "number out of range"));
        return Optional.empty();
      }
    }
    problems.add(at(n, path(key), "must be a whole number, not " + n.describe()));
    return Optional.empty();
  }

  /** A list of strings; each entry paired with its node for positioned checks by the caller. */
  public List<Scalar> strings(String key) {
    YamlNode n = node(key);
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof Sequence seq)) {
      problems.add(at(n, path(key), "must be a list, not " + n.describe()));
      return List.of();
    }
    List<Scalar> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      YamlNode item = seq.items().get(i);
      if (item instanceof Scalar s && s.type() == ScalarType.STRING) {
        if (noControl(s, path(key) + "[" + i + "]")) {
          out.add(s);
        }
      } else {
        problems.add(
            at(
                item,
                path(key) + "[" + i + "]",
                "must be a string, not " + item.describe() + quoteHint(item)));
      }
    }
    return out;
  }

  public Optional<MappingReader> section(String key, Set<String> known) {
    YamlNode n = node(key);
    return asMapping(file, path(key), n, problems)
        .map(m -> new MappingReader(file, path(key), m, known, problems));
  }

  public void missing(String key) {
    problems.add(
        new Problem(
            file, mapping.line(), mapping.column(), path(key), "required field is missing"));
  }

  public void problem(YamlNode node, String field, String message) {
    problems.add(at(node, field, message));
  }

  public Problem at(YamlNode node, String fullPath, String message) {
    return new Problem(file, node.line(), node.column(), fullPath, message);
  }

  private static String quoteHint(YamlNode n) {
    return n instanceof Scalar s && s.type() != ScalarType.NULL
        ? " " + quote(s.value()) + " (quote it to use it as text)"
        : "";
  }

  private static List<String> sorted(Set<String> known) {
    List<String> list = new ArrayList<>(known);
    java.util.Collections.sort(list);
    return list;
  }
}
