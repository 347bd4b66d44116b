package dev.workstation.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionClientTest {
  static final Path HOME = Path.of("/home/anca");

  @Test
  void the_services_outcomes_are_read_with_repos_under_the_home() {
    var out =
        SessionClient.served(
            "{\"outcomes\":[{\"repo\":\"code/infra\",\"outcome\":\"fast-forwarded(2)\",\"ms\":12}],"
                + "\"links\":[\"link ~/.claude/skills/x → /srv/base/skills/x\"]}",
            HOME);
    assertEquals(1, out.outcomes().size());
    assertEquals("/home/anca/code/infra", out.outcomes().get(0).repo());
    assertEquals("fast-forwarded(2)", out.outcomes().get(0).outcome().text());
    assertEquals(List.of("link ~/.claude/skills/x → /srv/base/skills/x"), out.links());
  }

  @Test
  void a_repo_outside_code_in_the_answer_is_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SessionClient.served(
                "{\"outcomes\":[{\"repo\":\"../../etc\",\"outcome\":\"up-to-date\",\"ms\":1}],"
                    + "\"links\":[]}",
                HOME));
  }

  @Test
  void an_answer_is_whole_or_nothing() {
    String body = "{\"outcomes\":[],\"links\":[]}";
    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ";
    assertEquals(
        new ServiceCall.Answer(200, body),
        ServiceCall.parse(
                (head + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8))
            .orElseThrow());
    assertTrue(
        ServiceCall.parse((head + 99 + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8))
            .isEmpty(),
        "cut short");
    assertTrue(ServiceCall.parse("HTTP/1.1 20".getBytes(StandardCharsets.UTF_8)).isEmpty());
    assertTrue(ServiceCall.parse("SSH-2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8)).isEmpty());
  }

  @Test
  void query_values_are_encoded_so_the_service_decodes_them_back() {
    assertEquals(
        "/etc/work%20station/w%2By.yaml", ServiceCall.encode("/etc/work station/w+y.yaml"));
    assertEquals("%C3%A9", ServiceCall.encode("é"));
  }
}
