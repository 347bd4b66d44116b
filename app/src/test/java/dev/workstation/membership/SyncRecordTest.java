package dev.workstation.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncRecordTest {
  @TempDir Path dir;

  @Test
  void the_last_success_survives_failed_runs_and_is_exported() throws Exception {
    SyncRecord.none().next(100, 0, List.of()).write(dir);
    SyncRecord.read(dir).next(200, 1, List.of("a conflict")).write(dir);
    SyncRecord r = SyncRecord.read(dir);
    assertEquals(new SyncRecord(200, 1, 100, List.of("a conflict")), r);
    String prom = r.metrics(4, Map.of("added", 2)).text();
    for (String line :
        List.of(
            "workstation_membership_last_run_timestamp_seconds 200",
            "workstation_membership_last_run_exit_code 1",
            "workstation_membership_last_success 100",
            "workstation_membership_members 4",
            "workstation_membership_changes{kind=\"added\"} 2",
            "workstation_membership_changes{kind=\"commented_out\"} 0",
            "workstation_membership_changes{kind=\"conflict\"} 0",
            "workstation_membership_changes{kind=\"protected\"} 0")) {
      assertTrue(prom.contains(line + "\n"), line + " in\n" + prom);
    }
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("last-run.json"))));
  }

  @Test
  void a_sync_that_never_succeeded_exports_no_success_time() {
    String prom = SyncRecord.none().next(50, 1, List.of()).metrics(0, Map.of()).text();
    assertTrue(!prom.contains("workstation_membership_last_success"), prom);
  }

  @Test
  void a_record_that_does_not_read_counts_as_none() throws Exception {
    for (String bad :
        List.of(
            "{",
            "{\"finished\": \"x\"}",
            "[]",
            "{\"finished\": 1, \"exit\": 0,"
                + " \"last_success\": 1, \"conflicts\": [], \"extra\": 1}")) {
      Files.writeString(dir.resolve("last-run.json"), bad);
      assertEquals(SyncRecord.none(), SyncRecord.read(dir), bad);
    }
  }
}
