package dev.workstation.plan;

/** Enable and start a user's surface unit (e.g. {@code t3-serve@emo.service}). */
public record EnableUnit(String user, String unit) implements Action {
  @Override
  public String kind() {
    return "enable-unit";
  }

  @Override
  public String key() {
    return kind() + ":" + user + ":" + unit;
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
