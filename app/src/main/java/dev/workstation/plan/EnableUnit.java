package dev.workstation.plan;

/**
 * Enable and start one of a user's per-user units: a service ({@code t3-serve@emo.service}) or a
 * timer ({@code nightly-backup@emo.timer}, which starts the timer, not its service).
 */
public record EnableUnit(String user, String unit) implements UserAction {
  @Override
  public String kind() {
    return "enable-unit";
  }

  @Override
  public ActionKey key() {
    return ActionKey.of(kind(), user, unit);
  }

  @Override
  public String describe() {
    return "enable and start " + unit;
  }

  @Override
  public void apply(Effects fx) {
    fx.units().enableNow(unit);
  }
}
