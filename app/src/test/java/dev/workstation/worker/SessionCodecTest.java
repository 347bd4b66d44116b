package dev.workstation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCodecTest {
  @Test
  void only_the_freshen_request_is_one() {
    assertTrue(SessionCodec.isFreshenRequest(SessionCodec.encodeRequest().strip()));
    for (String s :
        List.of(
            "", "{}", "{\"op\":\"clone\"}", "{\"op\":\"freshen\",\"user\":\"root\"}", "[1]", "{")) {
      assertFalse(SessionCodec.isFreshenRequest(s), s);
    }
  }

  @Test
  void the_services_outcomes_and_its_declines_read_back() {
    List<Freshener.Outcome> outcomes =
        List.of(
            new Freshener.Outcome("code/infra", FreshenOutcome.fastForwarded(2), 12),
            new Freshener.Outcome("code/app", FreshenOutcome.TIMED_OUT, 3));
    assertEquals(
        Optional.of(outcomes), SessionCodec.decodeReply(SessionCodec.encodeOutcomes(outcomes)));
    assertEquals(Optional.empty(), SessionCodec.decodeReply(SessionCodec.encodeDecline("busy")));
  }

  @Test
  void a_malformed_answer_is_refused_naming_the_field() {
    assertEquals(
        "session reply: field \"outcomes\"[0]: field \"ms\" expected a whole number, got a string",
        assertThrows(
                WorkerProtocolException.class,
                () ->
                    SessionCodec.decodeReply(
                        "{\"ok\":true,\"outcomes\":[{\"repo\":\"code\",\"outcome\":\"dirty\","
                            + "\"ms\":\"1\"}]}"))
            .getMessage());
  }
}
