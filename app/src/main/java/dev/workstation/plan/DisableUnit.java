package dev.workstation.plan;

/**
 * Disable and stop a parked user's unit, and clear its failed state. Disabling (not merely
 * skipping) matters: a skipped unit that is already running keeps running, and a legacy unit left
 * behind once crash-looped the new ones for 16 days.
 */
public record DisableUnit(String user, String unit, String why) implements UserAction {
  @Override
  public String kind() {
    return "disable-unit";
  }

  @Override
  public ActionKey key() {
    return ActionKey.of(kind(), user, unit);
  }

  @Override
  public String describe() {
    return "disable and stop " + unit + " (" + why + ")";
  }

  @Override
  public void apply(Effects fx) {
    fx.units().disableNow(unit);
  }
}
