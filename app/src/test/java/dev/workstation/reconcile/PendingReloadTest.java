package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.plan.Action;
import dev.workstation.plan.Owner;
import dev.workstation.plan.Plan;
import dev.workstation.plan.ReloadUnits;
import dev.workstation.plan.RemoveFile;
import dev.workstation.units.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingReloadTest {
  @TempDir Path state;

  static final Action DROP_IN =
      new RemoveFile(
          Owner.user("emo"),
          Path.of("/etc/systemd/system/user-1001.slice.d/50-workstation.conf"),
          "goes");
  static final ReloadUnits SYSTEM = new ReloadUnits(1, EnumSet.of(Units.Manager.SYSTEM));

  @Test
  void a_plan_with_a_reload_marks_it_pending_until_a_report_says_it_was_applied() throws Exception {
    Plan plan = new Plan(List.of(DROP_IN, SYSTEM), List.of());
    PendingReload.mark(state.resolve("state"), plan);
    PendingReload.settle(
        state.resolve("state"), List.of(new ActionReport(SYSTEM, new Outcome.Applied(), 1)));
    PendingReload.mark(state, plan);
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(PendingReload.marker(state))),
        "root's alone");
    PendingReload.settle(state, List.of(new ActionReport(SYSTEM, new Outcome.Failed("no bus"), 1)));
    assertTrue(Files.exists(PendingReload.marker(state)), "a failed reload stays pending");
    PendingReload.settle(state, List.of(new ActionReport(SYSTEM, new Outcome.Applied(), 1)));
    assertFalse(Files.exists(PendingReload.marker(state)));
    PendingReload.mark(state, new Plan(List.of(DROP_IN), List.of()));
    assertFalse(Files.exists(PendingReload.marker(state)), "no reload planned, none pending");
  }

  @Test
  void a_pending_reload_is_planned_of_both_managers_even_when_no_file_changes() throws Exception {
    Plan converged = new Plan(List.of(), List.of());
    assertEquals(converged, PendingReload.add(state, converged), "nothing pending: as planned");
    Files.createFile(PendingReload.marker(state));
    Plan retried = PendingReload.add(state, converged);
    assertEquals(
        List.of(new ReloadUnits(0, EnumSet.allOf(Units.Manager.class))), retried.actions());
    assertEquals(
        "reload systemd and the running user managers (the last one planned did not succeed)",
        retried.actions().get(0).describe());
    Plan widened = PendingReload.add(state, new Plan(List.of(DROP_IN, SYSTEM), List.of()));
    assertEquals(
        List.of(DROP_IN, new ReloadUnits(1, EnumSet.allOf(Units.Manager.class))),
        widened.actions(),
        "one reload, of both managers");
  }
}
