package dev.workstation.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretShapesTest {
  @Test
  void a_value_under_a_secret_name_is_redacted_in_env_files_and_json() {
    assertEquals(
        "CLAUDE_CODE_OAUTH_TOKEN=<redacted>",
        SecretShapes.redact("CLAUDE_CODE_OAUTH_TOKEN=abc123"));
    assertEquals("  \"api_key\": \"<redacted>\",", SecretShapes.redact("  \"api_key\": \"xyz\","));
    assertEquals("T3_PORT=3773", SecretShapes.redact("T3_PORT=3773"));
  }

  @Test
  void token_shapes_and_url_passwords_are_redacted_wherever_they_are() {
    assertEquals(
        "note: <redacted> leaked",
        SecretShapes.redact("note: sk-ant-api03-abcdefghijklmnopqrst leaked"));
    assertEquals(
        "https://emo:<redacted>@forgejo.example",
        SecretShapes.redact("https://emo:t0ps3cret@forgejo.example"));
    assertEquals(
        "<redacted>", SecretShapes.redact("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"));
  }

  @Test
  void ordinary_lines_stay_as_they_are() {
    for (String line :
        new String[] {
          "      - \"--grant-type=authcode-keyboard\"", "zed.sso=zed", "{\"permissions\": {}}", ""
        }) {
      assertEquals(line, SecretShapes.redact(line));
    }
  }
}
