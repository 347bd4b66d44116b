package dev.workstation.input;

import java.util.List;

/**
 * A YAML node with the position it came from. Built by {@link YamlLoader}; immutable. Aliases are
 * resolved to the anchored node (shared, not copied), and every node knows its expanded size so
 * alias bombs are caught before anything walks them.
 */
public sealed interface YamlNode {

  /** 1-based line of the node's first character. */
  int line();

  /** 1-based column of the node's first character. */
  int column();

  /** Number of nodes this node stands for once aliases are expanded (itself included). */
  long expandedSize();

  /** What the node is, for messages: "a string", "a list", ... */
  String describe();

  /** YAML 1.2 core-schema type of a scalar. */
  enum ScalarType {
    STRING("a string"),
    BOOL("a boolean"),
    INT("a number"),
    FLOAT("a number"),
    NULL("empty (null)");

    final String described;

    ScalarType(String described) {
      this.described = described;
    }
  }

  record Scalar(String value, ScalarType type, int line, int column) implements YamlNode {
    @Override
    public long expandedSize() {
      return 1;
    }

    @Override
    public String describe() {
      return type.described;
    }

    public boolean isNull() {
      return type == ScalarType.NULL;
    }
  }

  record Sequence(List<YamlNode> items, int line, int column, long expandedSize)
      implements YamlNode {
    @Override
    public String describe() {
      return "a list";
    }
  }

  record Entry(Scalar key, YamlNode value) {}

  record Mapping(List<Entry> entries, int line, int column, long expandedSize) implements YamlNode {
    @Override
    public String describe() {
      return "a mapping";
    }

    public YamlNode get(String key) {
      for (Entry e : entries) {
        if (e.key().value().equals(key)) {
          return e.value();
        }
      }
      return null;
    }
  }
}
