package dev.workstation.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagedSettingsTest {
  static Optional<String> check(String json) {
    return ManagedSettings.refusal("managed-settings.json", json.getBytes());
  }

  @Test
  void clean_settings_are_accepted() {
    assertTrue(
        check(
                "{\"env\": {\"DISABLE_TELEMETRY\": \"1\", \"API_KEY_HELPER\": \"\"}, \"permissions\": {\"deny\": []}}")
            .isEmpty());
  }

  @Test
  void a_non_empty_value_under_a_secret_like_name_is_refused_without_echoing_it() {
    Optional<String> r = check("{\"env\": {\"GITHUB_TOKEN\": \"hunter2\"}}");
    assertTrue(r.isPresent());
    assertTrue(r.get().contains("env.GITHUB_TOKEN"), r.get());
    assertFalse(r.get().contains("hunter2"));
  }

  @Test
  void token_shaped_values_are_refused_wherever_they_are() {
    assertTrue(check("{\"note\": [\"ghp_abcdefghijklmnopqrstuvwxyz0123\"]}").isPresent());
    assertTrue(check("{\"x\": \"sk-ant-api03-aaaaaaaaaaaaaaaaaaaaaa\"}").isPresent());
    assertTrue(check("{\"x\": \"AKIAABCDEFGHIJKLMNOP\"}").isPresent());
  }

  @Test
  void anything_but_strict_json_is_refused() {
    assertTrue(check("env: {a: b}").isPresent());
    assertTrue(check("{\"a\": 1,}").isPresent());
    assertTrue(check("{\"a\": 1} // comment").isPresent());
    assertTrue(check("[1]").isPresent());
    assertTrue(check("{\"a\": 1, \"a\": 2}").isPresent());
  }
}
