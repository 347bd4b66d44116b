package dev.workstation.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.input.YamlNode.Sequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code roster/roster.schema.json} (for editors) true to the validator and the example: the
 * example validates against the schema, and the schema names exactly the fields, tiers and layouts
 * the validator knows. The schema is JSON, which is YAML 1.2, so our loader reads it.
 */
class RosterSchemaTest {

  static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("../roster");

  static YamlNode load(String name) throws Exception {
    YamlLoader.Result r = YamlLoader.load(name, Files.readAllBytes(DIR.resolve(name)));
    assertTrue(r.ok(), r.problems().toString());
    return r.root();
  }

  @Test
  void the_example_roster_is_valid() throws Exception {
    Roster r =
        RosterParser.parse(
            "roster.example.yaml", Files.readAllBytes(DIR.resolve("roster.example.yaml")));
    assertTrue(r.users().size() >= 3);
    Set<Tier> tiers = new HashSet<>();
    r.users().values().forEach(u -> tiers.add(u.tier()));
    assertEquals(Set.of(Tier.values()), tiers, "the example shows every tier");
  }

  @Test
  void the_example_documents_every_field() throws Exception {
    String text = Files.readString(DIR.resolve("roster.example.yaml"));
    for (String field : RosterParser.USER_FIELDS) {
      assertTrue(text.contains("#   " + field), "roster.example.yaml does not document " + field);
    }
  }

  @Test
  void the_schema_names_exactly_the_validators_fields() throws Exception {
    Mapping user =
        (Mapping) ((Mapping) ((Mapping) load("roster.schema.json")).get("$defs")).get("user");
    Set<String> props = new HashSet<>();
    ((Mapping) user.get("properties")).entries().forEach(e -> props.add(e.key().value()));
    assertEquals(RosterParser.USER_FIELDS, props);
    assertEquals(List.of("authentik_user", "k8s_user", "tier"), strings(user.get("required")));
    assertEquals(
        List.of("admin", "power-user", "namespace-owner"),
        strings(((Mapping) ((Mapping) user.get("properties")).get("tier")).get("enum")));
  }

  @Test
  void the_example_validates_against_the_schema() throws Exception {
    Mapping schema = (Mapping) load("roster.schema.json");
    List<String> errors = new ArrayList<>();
    new MiniSchema(schema).check(schema, load("roster.example.yaml"), "", errors);
    assertEquals(List.of(), errors);
  }

  @Test
  void the_schema_check_itself_catches_a_bad_row() throws Exception {
    Mapping schema = (Mapping) load("roster.schema.json");
    YamlNode bad =
        YamlLoader.load("x", "users:\n  Bad: {tier: boss, extra: 1}\n".getBytes()).root();
    List<String> errors = new ArrayList<>();
    new MiniSchema(schema).check(schema, bad, "", errors);
    assertTrue(errors.size() >= 4, errors.toString());
  }

  static List<String> strings(YamlNode n) {
    List<String> out = new ArrayList<>();
    ((Sequence) n).items().forEach(i -> out.add(((Scalar) i).value()));
    return out;
  }

  /** The subset of JSON Schema the roster schema uses: enough to hold it to the example. */
  record MiniSchema(Mapping root) {
    void check(Mapping s, YamlNode v, String at, List<String> errors) {
      if (s.get("$ref") instanceof Scalar ref) {
        String name = ref.value().substring("#/$defs/".length());
        check((Mapping) ((Mapping) root.get("$defs")).get(name), v, at, errors);
      }
      if (s.get("type") != null) {
        List<String> types =
            s.get("type") instanceof Scalar t ? List.of(t.value()) : strings(s.get("type"));
        if (!types.contains(typeOf(v))) {
          errors.add(at + ": expected " + types + ", got " + typeOf(v));
          return;
        }
      }
      if (s.get("enum") != null
          && !(v instanceof Scalar sv && strings(s.get("enum")).contains(sv.value()))) {
        errors.add(at + ": not in enum");
      }
      if (v instanceof Scalar sv && sv.type() == YamlNode.ScalarType.STRING) {
        if (s.get("pattern") instanceof Scalar p
            && !Pattern.compile(p.value()).matcher(sv.value()).find()) {
          errors.add(at + ": does not match " + p.value());
        }
        if (s.get("maxLength") instanceof Scalar m
            && sv.value().length() > Integer.parseInt(m.value())) {
          errors.add(at + ": too long");
        }
        if (s.get("not") instanceof Mapping not
            && not.get("const") instanceof Scalar c
            && c.value().equals(sv.value())) {
          errors.add(at + ": forbidden value");
        }
      }
      if (v instanceof Sequence seq && s.get("items") instanceof Mapping items) {
        for (int i = 0; i < seq.items().size(); i++) {
          check(items, seq.items().get(i), at + "[" + i + "]", errors);
        }
      }
      if (v instanceof Mapping m) {
        Mapping props = s.get("properties") instanceof Mapping p ? p : null;
        if (s.get("required") != null) {
          for (String req : strings(s.get("required"))) {
            if (m.get(req) == null) {
              errors.add(at + ": missing " + req);
            }
          }
        }
        for (Entry e : m.entries()) {
          String key = e.key().value();
          String child = at + "." + key;
          if (s.get("propertyNames") instanceof Mapping names) {
            check(names, e.key(), child + "(name)", errors);
          }
          if (props != null && props.get(key) instanceof Mapping ps) {
            check(ps, e.value(), child, errors);
          } else if (s.get("additionalProperties") instanceof Mapping ap) {
            check(ap, e.value(), child, errors);
          } else if (s.get("additionalProperties") instanceof Scalar no
              && no.value().equals("false")) {
            errors.add(child + ": not allowed");
          }
        }
      }
    }

    static String typeOf(YamlNode v) {
      if (v instanceof Mapping) {
        return "object";
      }
      if (v instanceof Sequence) {
        return "array";
      }
      Scalar s = (Scalar) v;
      return switch (s.type()) {
        case STRING -> "string";
        case BOOL -> "boolean";
        case INT, FLOAT -> "number";
        case NULL -> "null";
      };
    }
  }
}
