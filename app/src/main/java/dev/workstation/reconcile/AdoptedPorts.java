package dev.workstation.reconcile;

import dev.workstation.reconcile.AdoptionReport.Finding;
import dev.workstation.reconcile.AdoptionReport.Flag;
import dev.workstation.roster.DesiredState;
import dev.workstation.site.PortPool;
import dev.workstation.site.SiteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each pool's port of one user for {@code adopt --check}: kept, moved (another user of the pool
 * holds it), new, or — the shape of a misconfigured pool — sitting in a file the pool does not
 * read. Pure.
 */
final class AdoptedPorts {
  private AdoptedPorts() {}

  static List<Finding> findings(
      String user, SiteConfig site, DesiredState desired, Adoption.Observed seen) {
    List<Finding> out = new ArrayList<>();
    for (PortPool pool : site.units().portPools().values()) {
      Integer want = desired.ports().get(pool.name()).get(user);
      Integer had = seen.recordedPorts().getOrDefault(pool.name(), Map.of()).get(user);
      String file = site.units().envDir().resolve(pool.fileName(user)).toString();
      String where = " in " + file + " (" + pool.key() + ")";
      String stray = seen.strayPorts().getOrDefault(user, Map.of()).get(pool.name());
      String facet = "port " + pool.name();
      if (want.equals(had)) {
        out.add(Finding.same(user, facet, want + where));
      } else if (had != null) {
        out.add(
            Finding.flagged(
                user,
                facet,
                Flag.MOVES_PORT,
                had + " -> " + want + where + ": another user of the pool holds " + had));
      } else if (stray != null) {
        out.add(
            Finding.flagged(
                user,
                facet,
                Flag.MOVES_PORT,
                "no "
                    + pool.key()
                    + " in "
                    + file
                    + " but "
                    + stray
                    + ", which this pool does not read: the first reconcile would hand out "
                    + want
                    + " (point units.port_pools."
                    + pool.name()
                    + " at that file and key)"));
      } else {
        out.add(Finding.change(user, facet, "new port " + want + where + " (none recorded)"));
      }
    }
    return out;
  }
}
