package dev.workstation.plan;

import java.util.List;

/**
 * Every planner, in the order their actions run. The order is the contract {@code Applier} keeps:
 * machine-wide steps before the first user's action run first (skeleton, managed settings), each
 * user's actions in plan order in their own lane, and machine-wide steps after them (the maps) run
 * once every lane is done.
 */
public final class Planners {
  private Planners() {}

  public static final List<Planner> ALL =
      List.of(
          ConfigPlanner::planMachine,
          AccountPlanner::plan,
          IdentityPlanner::plan,
          CodePlanner::plan,
          ConfigPlanner::planUsers,
          SurfacePlanner::plan,
          CutPlanner::plan);

  /** The whole run's plan: every planner's, in list order. */
  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    Plan out = new Plan(List.of(), List.of());
    for (Planner p : ALL) {
      out = out.and(p.plan(desired, observed, scope));
    }
    return out;
  }
}
