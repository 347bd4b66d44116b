package dev.workstation.plan;

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
          Planner.of(ConfigPlanner::refusals).withFiles(ConfigPlanner::machineFiles),
          Planner.of(AccountPlanner::plan),
          Planner.ofFiles(ContainmentPlanner::files)
              .withAccountFiles(ContainmentPlanner::accountFiles),
          Planner.of(IdentityPlanner::plan),
          Planner.of(CodePlanner::plan),
          Planner.of(ConfigPlanner::planUsers),
          Planner.ofFiles(EnvFilePlanner::files),
          Planner.ofFiles(SurfacePlanner::files).withUnits(SurfacePlanner::units),
          Planner.of(ClaudeAuthPlanner::plan).withUnits(ClaudeAuthPlanner::units),
          Planner.of(CutPlanner::plan));

  /** Every per-user unit some facet wants: what the observer reads and a cut disables. */
  public static List<UserUnit> userUnits(Desired desired) {
    List<UserUnit> out = new ArrayList<>();
    for (Planner p : ALL) {
      out.addAll(p.units().units(desired));
    }
    return out;
  }

  /** Every root-owned file some facet wants for {@code scope}, in list order. */
  public static List<RootFile> rootFiles(Desired desired, Scope scope, Uids uids) {
    List<RootFile> out = new ArrayList<>();
    for (Planner p : ALL) {
      out.addAll(p.rootFiles(desired, scope, uids));
    }
    return out;
  }

  /**
   * What destroying {@code user}'s account (uid {@code uid}) removes besides it: every facet's
   * files that go with the account, and a systemd reload when one of them is a unit file.
   */
  public static List<Action> destroying(
      List<Planner> planners, SiteConfig site, String user, int uid) {
    List<Action> out = new ArrayList<>();
    for (Planner p : planners) {
      for (Path path : p.accountFiles().paths(site, user, uid)) {
        out.add(new RemoveFile(Owner.user(user), path, "goes with the destroyed account"));
      }
    }
    out.addAll(ReloadUnits.after(out));
    return out;
  }

  /**
   * The whole run's plan: every planner's, in list order, and one systemd reload after every lane
   * when any of it changes a unit file.
   */
  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    Plan out = new Plan(List.of(), List.of());
    for (Planner p : ALL) {
      out = out.and(p.plan(desired, observed, scope));
    }
    return out.and(new Plan(ReloadUnits.after(out.actions()), List.of()));
  }
}
