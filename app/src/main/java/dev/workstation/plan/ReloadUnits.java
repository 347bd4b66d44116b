package dev.workstation.plan;

import dev.workstation.units.Units;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reloads systemd once, after every lane: planned only when the run writes or removes a unit file
 * or drop-in ({@link Action#unitFile()}), so a running slice, service or scope takes the new
 * settings at once and a converged host is never reloaded. The system manager when a file in {@code
 * /etc/systemd/system} changed ({@code daemon-reload}); each running user manager when one in
 * {@code /etc/systemd/user} did.
 *
 * @param changed how many unit files changed, for the plan line
 */
public record ReloadUnits(int changed, Set<Units.Manager> managers) implements Action {
  public ReloadUnits {
    managers = Set.copyOf(managers);
  }

  /** The reload {@code actions} need: one when any of them changes a unit file, else none. */
  public static List<Action> after(List<Action> actions) {
    Set<Units.Manager> managers = EnumSet.noneOf(Units.Manager.class);
    int n = 0;
    for (Action a : actions) {
      if (a.unitFile().isPresent()) {
        n++;
        Units.managerOf(a.unitFile().get()).ifPresent(managers::add);
      }
    }
    return n == 0 ? List.of() : List.of(new ReloadUnits(n, managers));
  }

  @Override
  public Owner owner() {
    return Owner.AFTER_USERS;
  }

  @Override
  public String kind() {
    return "daemon-reload";
  }

  @Override
  public String describe() {
    return "reload "
        + (managers.contains(Units.Manager.SYSTEM) ? "systemd" : "")
        + (managers.size() > 1 ? " and " : "")
        + (managers.contains(Units.Manager.USER) ? "the running user managers" : "")
        + " ("
        + (changed == 0 ? "the last one planned did not succeed)" : changed)
        + (changed == 0 ? "" : changed == 1 ? " unit file changed)" : " unit files changed)");
  }

  @Override
  public void apply(Effects fx) throws Exception {
    if (managers.contains(Units.Manager.SYSTEM)) {
      fx.units().reload();
    }
    if (managers.contains(Units.Manager.USER)) {
      fx.units().reloadUserManagers();
    }
  }
}
