package dev.workstation.plan;

import java.util.List;

/**
 * {@code systemctl daemon-reload}, once, after every lane: planned only when the run changes a unit
 * file or drop-in ({@link Action#changesUnitFiles()}), so a running slice or service takes the new
 * settings at once and a converged host is never reloaded.
 */
public record ReloadUnits(int changed) implements Action {

  /** The reload {@code actions} need: one when any of them changes a unit file, else none. */
  public static List<Action> after(List<Action> actions) {
    int n = (int) actions.stream().filter(Action::changesUnitFiles).count();
    return n == 0 ? List.of() : List.of(new ReloadUnits(n));
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
    return "reload systemd's unit files ("
        + changed
        + (changed == 1 ? " change" : " changes")
        + ")";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.units().reload();
  }
}
