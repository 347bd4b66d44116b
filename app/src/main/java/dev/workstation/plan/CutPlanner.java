package dev.workstation.plan;

import dev.workstation.roster.Roster;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cuts fire on the transition, computed against the roster last applied: each user who left gets
 * the cut exactly once (a failed cut stays {@code pending} in the state dir and is retried). The
 * first run with no applied roster records one and cuts nothing. Admins are never cut
 * automatically. A cut user back on the roster is restored.
 *
 * @param cuts state of each user with a cut record: {@code pending} or {@code cut}
 */
public final class CutPlanner {
  private CutPlanner() {}

  /**
   * Users who left since the applied roster (admins excluded): the ones a run records as pending.
   */
  public static List<String> leavers(Optional<Roster> applied, Roster current, List<Note> notes) {
    List<String> out = new ArrayList<>();
    if (applied.isEmpty()) {
      notes.add(
          Note.info("-", "no applied roster recorded yet: this run records one and cuts nobody"));
      return out;
    }
    for (UserSpec u : applied.get().users().values()) {
      if (current.user(u.osUser()).isPresent()) {
        continue;
      }
      if (u.tier() == Tier.ADMIN) {
        notes.add(
            Note.warn(
                u.osUser(),
                "an admin left the roster; admins are never cut automatically — use workstation offboard"));
      } else {
        out.add(u.osUser());
      }
    }
    return out;
  }

  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    CutFacts cuts = observed.cuts();
    return plan(
        desired.roster(),
        cuts.leavers(),
        cuts.records(),
        cuts.accounts(),
        scope.onlyUser(),
        Planners.userUnits(desired),
        observed.surface().units(),
        observed.surface().unitsUnavailable() == null);
  }

  static Plan plan(
      Roster current,
      List<String> leavers,
      Map<String, CutState> cuts,
      Set<String> accounts,
      Optional<String> onlyUser,
      List<UserUnit> declared,
      Map<String, dev.workstation.units.Units.UnitState> units,
      boolean unitsAvailable) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    java.util.Set<String> toCut = new java.util.TreeSet<>(leavers);
    cuts.forEach(
        (u, state) -> {
          if (state == CutState.PENDING && current.user(u).isEmpty()) {
            toCut.add(u);
          }
        });
    for (String u : toCut) {
      if (onlyUser.isPresent() && !onlyUser.get().equals(u)) {
        continue;
      }
      if (!accounts.contains(u) || cuts.get(u) == CutState.CUT) {
        continue;
      }
      if (unitsAvailable) {
        // every service and timer of theirs any facet runs: a cut stops and disables them all
        for (UserUnit unit : declared) {
          if (UnitPlanner.engaged(unit.template(), u, units)) {
            actions.add(new DisableUnit(u, unit.template().instance(u), "left the roster"));
          }
        }
      }
      // the cut waits for nothing: a unit that fails to stop must not keep a leaver's account open
      actions.add(new CutUser(u, List.of()));
    }
    cuts.forEach(
        (u, state) -> {
          if (current.user(u).isPresent()
              && accounts.contains(u)
              && (onlyUser.isEmpty() || onlyUser.get().equals(u))) {
            actions.add(new UncutUser(u));
          }
        });
    return new Plan(actions, notes);
  }
}
