package dev.workstation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCodecTest {
  @Test
  void a_sessions_outcomes_and_link_changes_read_back() {
    SessionCodec.SessionAnswer a =
        new SessionCodec.SessionAnswer(
            List.of(
                new Freshener.Outcome("code/infra", FreshenOutcome.fastForwarded(2), 12),
                new Freshener.Outcome("code/app", FreshenOutcome.TIMED_OUT, 3)),
            List.of("link ~/.claude/skills/x → /srv/base/skills/x"));
    assertEquals(a, SessionCodec.decodeSession(SessionCodec.encodeSession(a)));
  }

  @Test
  void roots_freshen_of_everyone_reads_back() {
    List<SessionCodec.UserOutcome> r =
        List.of(
            new SessionCodec.UserOutcome(
                "anca", new Freshener.Outcome("code/infra", FreshenOutcome.UP_TO_DATE, 1)),
            new SessionCodec.UserOutcome(
                "emo", new Freshener.Outcome("*", FreshenOutcome.fetchFailed("worker: gone"), 0)));
    assertEquals(r, SessionCodec.decodeReports(SessionCodec.encodeReports(r)));
  }

  @Test
  void a_malformed_answer_is_refused_naming_the_field() {
    assertEquals(
        "session answer: field \"outcomes\"[0]: field \"ms\" expected a whole number, got a string",
        assertThrows(
                WorkerProtocolException.class,
                () ->
                    SessionCodec.decodeSession(
                        "{\"outcomes\":[{\"repo\":\"code\",\"outcome\":\"dirty\","
                            + "\"ms\":\"1\"}],\"links\":[]}"))
            .getMessage());
    assertThrows(
        WorkerProtocolException.class,
        () ->
            SessionCodec.decodeReports(
                "{\"reports\":[{\"user\":\"../x\",\"repo\":\"code\",\"outcome\":\"dirty\",\"ms\":1}]}"));
  }
}
