package dev.workstation.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SessionClientTest {
  static final Path HOME = Path.of("/home/anca");

  @Test
  void the_services_outcomes_are_read_with_repos_under_the_home() {
    var out =
        SessionClient.outcomes(
                "{\"ok\":true,\"outcomes\":[{\"repo\":\"code/infra\",\"outcome\":\"fast-forwarded(2)\",\"ms\":12}]}",
                HOME)
            .orElseThrow();
    assertEquals(1, out.size());
    assertEquals("/home/anca/code/infra", out.get(0).repo());
    assertEquals("fast-forwarded(2)", out.get(0).outcome().text());
  }

  @Test
  void a_declined_request_means_freshen_in_process() {
    assertTrue(SessionClient.outcomes("{\"ok\":false,\"reason\":\"busy\"}", HOME).isEmpty());
  }

  @Test
  void a_repo_outside_code_in_the_answer_is_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SessionClient.outcomes(
                "{\"ok\":true,\"outcomes\":[{\"repo\":\"../../etc\",\"outcome\":\"x\",\"ms\":1}]}",
                HOME));
  }
}
