package dev.workstation.input;

import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.input.YamlNode.Sequence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain values (Map, List, String, Long, Double, Boolean, null). JSON is YAML 1.2,
 * so this is the same bounded loader the roster uses — limits included.
 */
public final class JsonReader {
  private JsonReader() {}

  public static Object parse(String name, String json) {
    YamlLoader.Result r = YamlLoader.load(name, json.getBytes(StandardCharsets.UTF_8));
    if (!r.ok()) {
      throw new InvalidInputException(r.problems());
    }
    return r.root() == null ? null : value(r.root());
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String name, String json) {
    Object v = parse(name, json);
    if (!(v instanceof Map)) {
      throw new InvalidInputException(Problem.whole(name, "", "expected a JSON object"));
    }
    return (Map<String, Object>) v;
  }

  static Object value(YamlNode n) {
    if (n instanceof Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Entry e : m.entries()) {
        out.put(e.key().value(), value(e.value()));
      }
      return out;
    }
    if (n instanceof Sequence s) {
      List<Object> out = new ArrayList<>();
      s.items().forEach(i -> out.add(value(i)));
      return out;
    }
    Scalar s = (Scalar) n;
    return switch (s.type()) {
      case NULL -> null;
      case BOOL -> Boolean.parseBoolean(s.value().toLowerCase(java.util.Locale.ROOT));
      case INT -> Long.parseLong(s.value());
      case FLOAT -> Double.parseDouble(s.value());
      case STRING -> s.value();
    };
  }
}
