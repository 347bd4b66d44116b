package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.Units.UnitState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every facet's per-user units ({@link UserUnit}: the site's {@code units.per_user}, services and
 * timers): enabled and started for the users each unit's gate lets through; for the others disabled
 * and stopped with their failed state cleared — not merely skipped, because an instance that is
 * already running must stop.
 */
final class UnitPlanner {
  private UnitPlanner() {}

  static Plan plan(List<AccountSpec> users, SurfaceFacts facts, List<UserUnit> units) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    for (AccountSpec u : users) {
      for (UserUnit declared : units) {
        UnitTemplate t = declared.template();
        String unit = t.instance(u.osUser());
        UnitState state = facts.units().getOrDefault(unit, UnitState.ABSENT);
        Optional<String> off = declared.gate().off(u);
        if (facts.unitsUnavailable() != null) {
          boolean change = off.isPresent() ? state.enabled() || state.active() : !state.enabled();
          if (change) {
            notes.add(
                Note.info(
                    u.osUser(),
                    "skipped "
                        + (off.isPresent() ? "disable" : "enable")
                        + " "
                        + unit
                        + ": "
                        + facts.unitsUnavailable()));
          }
        } else if (off.isPresent()) {
          if (engaged(t, u.osUser(), facts.units())) {
            actions.add(new DisableUnit(u.osUser(), unit, off.get()));
          }
        } else if (facts.collisions().containsKey(unit)) {
          collision(u.osUser(), unit, state, facts.collisions().get(unit), actions, notes);
        } else if (state.templateMissing()) {
          missing.putIfAbsent(t.file(), declared.install());
        } else if (!state.enabled() || (facts.runtimeKnown() && !state.active())) {
          actions.add(new EnableUnit(u.osUser(), unit));
        }
      }
    }
    missing.forEach(
        (file, install) ->
            notes.add(
                Note.warn(
                    "-",
                    file
                        + " is not installed on this host, so its per-user units are not enabled: "
                        + install)));
    return new Plan(actions, notes);
  }

  /**
   * A unit of the user's own, or a process of theirs on the unit's port, stands in the way (SPEC
   * §6.7): the unit is not started over it, and one that is enabled but not running — failed, or
   * restarting again and again — is disabled and stopped so it stops crash-looping. One that runs
   * holds its port and is left alone. Either way the collision is named until the user or an admin
   * removes it; until then the run fails (a kept-back input: exit 1, {@code
   * workstation_kept_back{input="unit_collision"}}).
   */
  private static void collision(
      String user,
      String unit,
      UnitState state,
      String why,
      List<Action> actions,
      List<Note> notes) {
    notes.add(
        Note.keptBack(
            user,
            Note.KeptBack.UNIT_COLLISION,
            unit
                + " is not started: "
                + why
                + "; "
                + user
                + " or an admin removes it, then the next reconcile starts it"));
    if ((state.enabled() || state.failed()) && !state.active()) {
      actions.add(new DisableUnit(user, unit, "it collides: " + why));
    }
  }

  /**
   * Whether {@code user}'s instance of {@code t} is enabled, running or failed — anything a disable
   * must undo. A timer also counts its service's failed state: that is where a failed run shows.
   */
  static boolean engaged(UnitTemplate t, String user, Map<String, UnitState> units) {
    UnitState s = units.getOrDefault(t.instance(user), UnitState.ABSENT);
    boolean serviceFailed =
        t.triggered(user)
            .map(svc -> units.getOrDefault(svc, UnitState.ABSENT).failed())
            .orElse(false);
    return s.enabled() || s.active() || s.failed() || serviceFailed;
  }
}
