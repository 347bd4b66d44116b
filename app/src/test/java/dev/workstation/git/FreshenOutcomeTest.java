package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshenOutcomeTest {
  static final List<FreshenOutcome> ALL =
      List.of(
          FreshenOutcome.UP_TO_DATE,
          FreshenOutcome.DIRTY,
          FreshenOutcome.DIVERGED,
          FreshenOutcome.DETACHED,
          FreshenOutcome.NO_UPSTREAM,
          FreshenOutcome.TIMED_OUT,
          FreshenOutcome.fastForwarded(3),
          FreshenOutcome.fetchFailed("origin: not authorized"));

  @Test
  void each_outcome_prints_as_before_and_reads_back_from_its_text() {
    assertEquals(
        List.of(
            "up-to-date",
            "dirty",
            "diverged",
            "detached",
            "no-upstream",
            "timed-out",
            "fast-forwarded(3)",
            "fetch-failed(origin: not authorized)"),
        ALL.stream().map(FreshenOutcome::text).toList());
    for (FreshenOutcome o : ALL) {
      assertEquals(Optional.of(o), FreshenOutcome.parse(o.text()));
      assertEquals(o.text(), o.toString());
    }
  }

  @Test
  void text_that_is_no_outcome_is_not_read_as_one() {
    for (String s : List.of("", "ok", "fast-forwarded(x)", "fast-forwarded(-1)", "UP-TO-DATE")) {
      assertEquals(Optional.empty(), FreshenOutcome.parse(s), s);
    }
  }

  @Test
  void only_a_timeout_or_a_failed_fetch_is_a_failure_and_only_fresh_clones_are_ok() {
    assertTrue(FreshenOutcome.TIMED_OUT.failed());
    assertTrue(FreshenOutcome.fetchFailed("x").failed());
    assertFalse(FreshenOutcome.DIRTY.failed());
    assertTrue(FreshenOutcome.UP_TO_DATE.ok());
    assertTrue(FreshenOutcome.fastForwarded(1).ok());
    assertFalse(FreshenOutcome.DIVERGED.ok());
    assertEquals("fetch-failed", FreshenOutcome.fetchFailed("x").kind());
    assertEquals("fast-forwarded", FreshenOutcome.fastForwarded(2).kind());
    assertEquals("dirty", FreshenOutcome.DIRTY.kind());
  }
}
