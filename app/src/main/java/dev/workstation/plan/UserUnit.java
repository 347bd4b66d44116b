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
 *
 * @param install what to do when the template is not installed (said once per run)
 */
public record UserUnit(UnitTemplate template, Gate gate, String install) {

  /** How a site's own template gets onto the host. */
  public static final String SITE_TEMPLATE =
      "install the template (the site's, see docs/examples/) or drop it from units.per_user";

  /** A template of the site's ({@code units.per_user}). */
  public UserUnit(UnitTemplate template, Gate gate) {
    this(template, gate, SITE_TEMPLATE);
  }

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
