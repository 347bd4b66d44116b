package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.plan.Plan;
import dev.workstation.plan.ReloadUnits;
import dev.workstation.units.Units;
import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A systemd reload a run planned and did not see succeed (it failed, or the run stopped first):
 * {@code state_dir/reload-pending} stands from before the plan is applied until a reload succeeds,
 * and while it does every run plans the reload, of both managers. Without it the unit files the
 * failed run wrote are already as wanted, so no later run would reload.
 */
final class PendingReload {
  private PendingReload() {}

  static Path marker(Path stateDir) {
    return stateDir.resolve("reload-pending");
  }

  /** {@code plan} with its reload made one of both managers when a reload is pending. */
  static Plan add(Path stateDir, Plan plan) {
    if (!Files.exists(marker(stateDir), LinkOption.NOFOLLOW_LINKS)) {
      return plan;
    }
    List<Action> actions = new ArrayList<>();
    int changed = 0;
    for (Action a : plan.actions()) {
      if (a instanceof ReloadUnits r) {
        changed = r.changed();
      } else {
        actions.add(a);
      }
    }
    actions.add(new ReloadUnits(changed, EnumSet.allOf(Units.Manager.class)));
    return new Plan(actions, plan.notes());
  }

  /** Before {@code plan} is applied: its reload is pending until a report says it succeeded. */
  static void mark(Path stateDir, Plan plan) throws IOException {
    if (plan.actions().stream().anyMatch(ReloadUnits.class::isInstance)) {
      // root's alone (0600), whatever the umask, as the state's other records
      Dirs.create(stateDir, Dirs.PRIVATE);
      AtomicFiles.write(marker(stateDir), new byte[0], AtomicFiles.ROOT_ONLY);
    }
  }

  /** After: the marker goes once a reload was applied. */
  static void settle(Path stateDir, List<ActionReport> reports) throws IOException {
    if (reports.stream()
        .anyMatch(
            r -> r.action() instanceof ReloadUnits && r.outcome() instanceof Outcome.Applied)) {
      Files.deleteIfExists(marker(stateDir));
    }
  }
}
