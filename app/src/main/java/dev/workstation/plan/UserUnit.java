package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.site.UnitTemplate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A per-user unit a facet wants: a template whose instance is enabled and started for each user its
 * gate lets through, and disabled and stopped — its failed state cleared — for everyone else
 * (parked, opted out) and for a user who left: not merely skipped, because an instance already
 * running must stop. {@link UnitPlanner} plans every facet's units the same way.
 */
public record UserUnit(UnitTemplate template, Gate gate) {

  /** Why a user's instance must not run, or empty when it should. */
  @FunctionalInterface
  public interface Gate {
    Optional<String> off(AccountSpec user);
  }

  /** Runs for every active user; off while they are parked. */
  public static final Gate ACTIVE =
      u -> u.parked() ? Optional.of("parked") : Optional.<String>empty();

  /** The units whose state planning reads for {@code users}: instances and timers' services. */
  public static List<String> names(List<UserUnit> units, Collection<String> users) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String u : users) {
      for (UserUnit unit : units) {
        out.add(unit.template().instance(u));
        unit.template().triggered(u).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }
}
