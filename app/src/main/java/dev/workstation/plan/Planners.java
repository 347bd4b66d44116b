package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every planner, in the order their actions run within a lane: each user's actions run in plan
 * order in their own lane. When a machine-wide step runs is its owner's phase ({@link
 * Owner.Machine}), not its place here.
 */
public final class Planners {
  private Planners() {}

  public static final List<Planner> ALL =
      List.of(
          Planner.reading(ConfigPlanner::planMachine, ConfigPlanner::files),
          AccountPlanner::plan,
          IdentityPlanner::plan,
          CodePlanner::plan,
          ConfigPlanner::planUsers,
          Planner.reading(EnvFilePlanner::plan, EnvFilePlanner::files),
          Planner.reading(SurfacePlanner::plan, SurfacePlanner::files),
          CutPlanner::plan);

  /** Every root-owned file some planner compares against, for {@code users}. */
  public static List<Path> rootFiles(SiteConfig site, List<AccountSpec> users) {
    List<Path> out = new ArrayList<>();
    for (Planner p : ALL) {
      out.addAll(p.rootFiles(site, users));
    }
    return out;
  }

  /** The whole run's plan: every planner's, in list order. */
  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    Plan out = new Plan(List.of(), List.of());
    for (Planner p : ALL) {
      out = out.and(p.plan(desired, observed, scope));
    }
    return out;
  }
}
