package dev.workstation.reconcile;

import dev.workstation.host.Capacity;
import dev.workstation.plan.Note;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The capacity the active users would take (SPEC §6.9, §6.11): the site's ceiling ({@code
 * capacity:}) and, with {@code containment:}, their slices' caps added up against the RAM times the
 * overcommit. {@code onboard} and {@code unpark} refuse what does not fit (unless forced); the
 * routine reconcile never blocks existing users on it, it warns with the figures; {@code status}
 * and the metrics count it.
 */
public final class Overcommit {
  private Overcommit() {}

  /** The tier of each of {@code accounts} that is not parked. */
  public static List<Tier> activeTiers(Collection<AccountSpec> accounts) {
    return accounts.stream().filter(a -> !a.parked()).map(AccountSpec::tier).toList();
  }

  /** Every way {@code active} (one tier per active user) would exceed the site's capacity. */
  public static List<String> violations(SiteConfig site, Capacity host, List<Tier> active) {
    List<String> out = new ArrayList<>();
    site.capacity().ifPresent(c -> out.addAll(c.violations(host, active.size())));
    site.containment().flatMap(c -> c.overcommitted(host.memTotal(), active)).ifPresent(out::add);
    return out;
  }

  /**
   * The plan's warning when the roster's active users' caps add up past RAM × overcommit ({@code
   * memTotal}: the box's RAM); none without {@code containment:}.
   */
  public static List<Note> warnings(
      SiteConfig site, Collection<AccountSpec> roster, long memTotal) {
    return site.containment()
        .flatMap(c -> c.overcommitted(memTotal, activeTiers(roster)))
        .map(m -> List.of(Note.warn("-", m)))
        .orElse(List.of());
  }

  /** {@link #warnings} on this host; none when its memory cannot be read. */
  static List<Note> warnings(SiteConfig site, Collection<AccountSpec> roster) {
    if (site.containment().isEmpty()) {
      return List.of();
    }
    try {
      return warnings(site, roster, Capacity.measure(site.homeRoot()).memTotal());
    } catch (IOException | RuntimeException e) {
      return List.of(Note.warn("-", "containment: the caps were not checked: " + e.getMessage()));
    }
  }
}
