package dev.workstation.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {

  static YamlLoader.Result load(String s) {
    return YamlLoader.load("f.yaml", s.getBytes(StandardCharsets.UTF_8));
  }

  static String message(YamlLoader.Result r) {
    assertEquals(1, r.problems().size(), r.problems().toString());
    return r.problems().get(0).render();
  }

  @Test
  void an_alias_bomb_is_refused_quickly() {
    StringBuilder s = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
    for (char c = 'b'; c <= 'm'; c++) {
      char p = (char) (c - 1);
      s.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        s.append(i == 0 ? "" : ",").append('*').append(p);
      }
      s.append("]\n");
    }
    YamlLoader.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> load(s.toString()));
    assertTrue(message(r).contains("an alias bomb"), message(r));
  }

  @Test
  void deep_nesting_is_refused_without_overflowing_the_stack() {
    String deep = "users: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
    YamlLoader.Result r = load(deep);
    assertTrue(message(r).contains("nesting deeper than 64 levels"), message(r));
  }

  @Test
  void an_oversized_value_is_refused() {
    YamlLoader.Result r = load("a: " + "x".repeat(2_000_000) + "\n");
    assertTrue(message(r).contains("value is 2000000 characters"), message(r));
  }

  @Test
  void an_oversized_file_is_refused_before_parsing() {
    byte[] big = new byte[(8 << 20) + 1];
    java.util.Arrays.fill(big, (byte) '#');
    YamlLoader.Result r = YamlLoader.load("f.yaml", big);
    assertTrue(message(r).contains("the limit is"), message(r));
    assertNull(r.root());
  }

  @Test
  void scalars_follow_the_yaml_1_2_core_schema() {
    YamlNode.Mapping m =
        (YamlNode.Mapping) load("a: no\nb: on\nc: true\nd: 12\ne: ~\nf: '12'\ng: 1.5\n").root();
    assertEquals(YamlNode.ScalarType.STRING, ((YamlNode.Scalar) m.get("a")).type());
    assertEquals(YamlNode.ScalarType.STRING, ((YamlNode.Scalar) m.get("b")).type());
    assertEquals(YamlNode.ScalarType.BOOL, ((YamlNode.Scalar) m.get("c")).type());
    assertEquals(YamlNode.ScalarType.INT, ((YamlNode.Scalar) m.get("d")).type());
    assertEquals(YamlNode.ScalarType.NULL, ((YamlNode.Scalar) m.get("e")).type());
    assertEquals(YamlNode.ScalarType.STRING, ((YamlNode.Scalar) m.get("f")).type());
    assertEquals(YamlNode.ScalarType.FLOAT, ((YamlNode.Scalar) m.get("g")).type());
  }

  @Test
  void control_characters_are_a_positioned_error() {
    YamlLoader.Result r = load("a: b\u0007c\n");
    assertTrue(message(r).startsWith("f.yaml:1:"), message(r));
  }

  @Test
  void an_alias_without_anchor_is_an_error() {
    assertTrue(message(load("a: *nope\n")).contains("*nope"));
  }

  @Test
  void custom_tags_are_rejected() {
    assertTrue(message(load("a: !!python/object x\n")).contains("unsupported YAML tag"));
  }
}
