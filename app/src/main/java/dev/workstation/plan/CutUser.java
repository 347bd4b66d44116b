package dev.workstation.plan;

import java.time.LocalDate;
import java.util.List;

/**
 * The reversible cut of a user who left the roster: units disabled and stopped (planned beside it),
 * dropped from the generated maps (they follow the roster), password locked and account expired,
 * sessions ended. Nothing is deleted; re-adding the row undoes it.
 */
public record CutUser(String user, List<ActionKey> dependsOn) implements UserAction {
  public CutUser {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "cut-user";
  }

  @Override
  public String describe() {
    return "cut "
        + user
        + " (left the roster): lock password, expire account, end sessions; nothing deleted";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.accounts().cut(user);
    fx.cuts().markCut(user, LocalDate.now(fx.clock()));
  }
}
