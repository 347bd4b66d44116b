package dev.workstation.input;

import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.input.YamlNode.ScalarType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * Types scalars with the YAML 1.2 core schema: {@code no}, {@code on}, {@code yes} are strings;
 * only {@code true}/{@code false} (and their capitalised forms) are booleans. A tag outside the
 * core schema is a problem, not a type.
 */
final class ScalarTyper {
  private final String file;
  private final List<Problem> problems;

  ScalarTyper(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final String CORE = "tag:yaml.org,2002:";

  /** The scalar with its YAML 1.2 core-schema type (or its declared one). */
  Scalar scalar(ScalarEvent event) {
    int[] pos = TreeBuilder.pos(event);
    String value = event.getValue();
    Optional<String> tag = event.getTag().filter(t -> !t.equals("!"));
    if (tag.isPresent()) {
      ScalarType declared = declaredType(tag.get(), event);
      return new Scalar(value, declared, pos[0], pos[1]);
    }
    if (!event.isPlain()) {
      return new Scalar(value, ScalarType.STRING, pos[0], pos[1]);
    }
    ScalarType type;
    if (NULL.matcher(value).matches()) {
      type = ScalarType.NULL;
    } else if (BOOL.matcher(value).matches()) {
      type = ScalarType.BOOL;
    } else if (INT.matcher(value).matches()) {
      type = ScalarType.INT;
    } else if (FLOAT.matcher(value).matches()) {
      type = ScalarType.FLOAT;
    } else {
      type = ScalarType.STRING;
    }
    return new Scalar(value, type, pos[0], pos[1]);
  }

  private ScalarType declaredType(String tag, Event event) {
    switch (tag) {
      case CORE + "str":
        return ScalarType.STRING;
      case CORE + "bool":
        return ScalarType.BOOL;
      case CORE + "int":
        return ScalarType.INT;
      case CORE + "float":
        return ScalarType.FLOAT;
      case CORE + "null":
        return ScalarType.NULL;
      default:
        int[] pos = TreeBuilder.pos(event);
        problems.add(new Problem(file, pos[0], pos[1], "", "unsupported YAML tag " + tag));
        return ScalarType.STRING;
    }
  }

  /** Records a problem when a collection carries a tag other than its own core one. */
  void checkTag(Optional<String> tag, Event event, boolean mapping) {
    if (tag.isEmpty()) {
      return;
    }
    String expected = CORE + (mapping ? "map" : "seq");
    if (!tag.get().equals(expected)) {
      int[] pos = TreeBuilder.pos(event);
      problems.add(new Problem(file, pos[0], pos[1], "", "unsupported YAML tag " + tag.get()));
    }
  }
}
