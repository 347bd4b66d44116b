package dev.workstation.claudesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.input.StrictJson;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials file on a real filesystem: shapes, hostile files, merged atomic writes. */
class CredentialsTest {
  static final String LOGIN =
      "{\"accessToken\": \"sk-ant-oat01-A\", \"refreshToken\": \"sk-ant-ort01-R\","
          + " \"expiresAt\": 1764000000000, \"scopes\": [\"user:inference\"]}";

  @TempDir Path home;
  Path file;

  @BeforeEach
  void dir() throws Exception {
    file = home.resolve(ClaudeAuthPaths.CREDENTIALS);
    Files.createDirectories(file.getParent());
  }

  @Test
  void a_login_needs_both_tokens_and_a_numeric_expiry() {
    assertTrue(Credentials.login(StrictJson.parse(LOGIN)).isPresent());
    assertTrue(Credentials.login(LOGIN).isPresent(), "a JSON string holding one counts too");
    for (String bad :
        List.of(
            LOGIN.replace("1764000000000", "\"soon\""),
            LOGIN.replace("\"sk-ant-ort01-R\"", "\"\""),
            LOGIN.replace("\"accessToken\"", "\"access\""),
            LOGIN.replace("\"sk-ant-oat01-A\"", "42"),
            "[]",
            "\"not json\"")) {
      assertFalse(Credentials.login(StrictJson.parse(bad)).isPresent(), bad);
    }
  }

  @Test
  void a_file_with_other_keys_is_read_whole_and_written_back_with_them() throws Exception {
    Files.writeString(
        file, "{\"mcpOAuth\": {\"srv\": {\"accessToken\": \"m\"}}, \"claudeAiOauth\": {}}");
    Credentials.Reading r = Credentials.read(home);
    Credentials.Reading.Parsed p = assertInstanceOf(Credentials.Reading.Parsed.class, r);
    assertTrue(p.login().isEmpty(), "an empty object is no login");
    Map<String, Object> login = Credentials.login(LOGIN).orElseThrow();
    Credentials.writeMerged(home, p.root(), login);
    Map<?, ?> now = (Map<?, ?>) StrictJson.parse(Files.readString(file));
    assertEquals(Map.of("srv", Map.of("accessToken", "m")), now.get("mcpOAuth"));
    assertEquals(
        new BigInteger("1764000000000"), ((Map<?, ?>) now.get("claudeAiOauth")).get("expiresAt"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(Credentials.same(login, new LinkedHashMap<>(login)));
  }

  @Test
  void a_missing_file_is_missing_and_a_link_a_fifo_or_bad_json_is_refused_untouched()
      throws Exception {
    assertInstanceOf(Credentials.Reading.Missing.class, Credentials.read(home));
    Path target =
        Files.writeString(home.resolve("elsewhere"), "{\"claudeAiOauth\": " + LOGIN + "}");
    Files.createSymbolicLink(file, target);
    refused("symlink");
    Files.delete(file);
    new ProcessBuilder("mkfifo", file.toString()).start().waitFor();
    refused("FIFO");
    Files.delete(file);
    Files.writeString(file, "{\"claudeAiOauth\": ");
    refused("not valid JSON");
    Files.writeString(file, "[1, 2]");
    refused("not a JSON object");
    Files.writeString(file, "{\"a\": 1, \"a\": 2}");
    refused("not valid JSON");
    Files.write(file, new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'});
    refused("not valid JSON");
  }

  void refused(String why) {
    Credentials.Reading r = Credentials.read(home);
    assertTrue(r instanceof Credentials.Reading.Refused f && f.why().contains(why), why + ": " + r);
  }
}
