package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.plan.CutState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutRecordsTest {
  @TempDir Path state;

  @Test
  void a_record_is_pending_until_it_says_cut() throws Exception {
    CutRecords.markPending(state, List.of("alice", "root"), List.of());
    Files.writeString(state.resolve("cuts/root"), "cut 2026-01-02\n");
    assertEquals(Map.of("alice", CutState.PENDING, "root", CutState.CUT), CutRecords.states(state));
    assertTrue(CutRecords.isCut(state, "root"));
    assertFalse(CutRecords.isCut(state, "alice"));
  }

  @Test
  void only_a_cut_user_whose_account_exists_awaits_destroy() throws Exception {
    CutRecords.markPending(state, List.of("root", "no-such-user-x"), List.of());
    Files.writeString(state.resolve("cuts/no-such-user-x"), "cut 2026-01-01\n");
    assertEquals(List.of(), CutRecords.awaitingDestroy(state), "root is only pending");
    Files.writeString(state.resolve("cuts/root"), "cut 2026-01-02\n");
    assertEquals(
        List.of(new CutRecords.AwaitingDestroy("root", "2026-01-02")),
        CutRecords.awaitingDestroy(state));
  }
}
