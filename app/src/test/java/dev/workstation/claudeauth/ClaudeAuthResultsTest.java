package dev.workstation.claudeauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.metrics.TextfileMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root's reading of a user's result file, on a real filesystem, and the metrics made of it. */
class ClaudeAuthResultsTest {
  @TempDir Path home;
  int uid;
  Path file;

  @BeforeEach
  void layout() throws Exception {
    uid = (Integer) Files.getAttribute(home, "unix:uid");
    file = home.resolve(ClaudeAuthPaths.RESULT);
    Files.createDirectories(file.getParent());
  }

  @Test
  void a_missing_result_is_missing_and_a_good_one_is_found() throws Exception {
    assertEquals(new ResultReading.Missing(), ClaudeAuthResults.read(home, uid));
    ClaudeAuthResult r =
        ClaudeAuthResult.of(Instant.ofEpochSecond(5), Outcome.BACKED_UP, "ok", Optional.empty());
    Files.writeString(file, r.toJson());
    assertEquals(new ResultReading.Found(r), ClaudeAuthResults.read(home, uid));
  }

  @Test
  void a_link_a_fifo_a_directory_garbage_or_another_owner_is_refused_without_blocking()
      throws Exception {
    Path secret = Files.writeString(home.resolve("elsewhere.json"), "{}");
    Files.createSymbolicLink(file, secret);
    refused("symlink");
    Files.delete(file);
    new ProcessBuilder("mkfifo", file.toString()).start().waitFor();
    refused("not a regular file");
    Files.delete(file);
    Files.createDirectory(file);
    refused("not a regular file");
    Files.delete(file);
    Files.writeString(file, "{\"version\": 1}");
    refused("is missing");
    refusedFor(uid + 1, "owned by uid");
    Files.delete(file);
    Path real = Files.createDirectory(home.resolve("real"));
    Files.writeString(
        real.resolve("claude-auth.json"),
        ClaudeAuthResult.of(Instant.EPOCH, Outcome.RESTORED, "x", Optional.empty()).toJson());
    Files.delete(file.getParent());
    Files.createSymbolicLink(file.getParent(), real);
    refused("symlink"); // a linked directory on the way is not followed either
  }

  void refused(String why) {
    refusedFor(uid, why);
  }

  void refusedFor(int owner, String why) {
    ResultReading r = ClaudeAuthResults.read(home, owner);
    assertTrue(
        r instanceof ResultReading.Refused f && f.why().contains(why), why + ": " + r.toString());
  }

  @Test
  void only_enabled_users_have_series_each_family_in_one_block() {
    Map<String, ResultReading> enabled = new LinkedHashMap<>();
    enabled.put(
        "alice",
        new ResultReading.Found(
            new ClaudeAuthResult(
                Instant.ofEpochSecond(200),
                Outcome.NO_BACKUP,
                "log in",
                Optional.of(Instant.ofEpochSecond(100)))));
    enabled.put("bob", new ResultReading.Missing());
    enabled.put("carol", new ResultReading.Refused("a FIFO"));
    String text = ClaudeAuthMetrics.add(new TextfileMetrics(), enabled).text();
    List<String> samples = text.lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(
        List.of(
            "workstation_claude_auth_enabled{user=\"alice\"} 1",
            "workstation_claude_auth_enabled{user=\"bob\"} 1",
            "workstation_claude_auth_enabled{user=\"carol\"} 1",
            "workstation_claude_auth_ok{user=\"alice\"} 0",
            "workstation_claude_auth_ok{user=\"bob\"} 0",
            "workstation_claude_auth_ok{user=\"carol\"} 0",
            "workstation_claude_auth_last_success_timestamp_seconds{user=\"alice\"} 100",
            "workstation_claude_auth_last_run_timestamp_seconds{user=\"alice\"} 200"),
        samples);
    samples.forEach(s -> assertTrue(TextfileMetrics.SAMPLE.matcher(s).matches(), s));
  }
}
