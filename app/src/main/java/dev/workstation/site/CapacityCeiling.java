package dev.workstation.site;

import dev.workstation.host.Capacity;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code capacity:}: the ceiling the devvm is held to — memory per active user, how many may be
 * active, the free disk kept, and whether swap must exist (zero swap turns overload into OOM kills
 * of everyone's live sessions). Checked by onboard/unpark (which refuse unless forced), doctor and
 * status; the routine reconcile only warns.
 */
public record CapacityCeiling(
    long memoryPerUserBytes, int maxActiveUsers, long minFreeDiskBytes, boolean requireSwap) {

  /**
   * Every way {@code activeUsers} on {@code host} would exceed this ceiling; empty when it fits.
   */
  public List<String> violations(Capacity host, int activeUsers) {
    List<String> out = new ArrayList<>();
    if (activeUsers > maxActiveUsers) {
      out.add(activeUsers + " active users exceed capacity.max_active_users " + maxActiveUsers);
    }
    long budget = memoryPerUserBytes * activeUsers;
    if (budget > host.memTotal()) {
      out.add(
          activeUsers
              + " users × "
              + gib(memoryPerUserBytes)
              + " = "
              + gib(budget)
              + " exceeds memory "
              + gib(host.memTotal()));
    }
    if (host.freeDisk() < minFreeDiskBytes) {
      out.add(
          "free disk "
              + gib(host.freeDisk())
              + " is below capacity.min_free_disk "
              + gib(minFreeDiskBytes));
    }
    if (requireSwap && host.swapTotal() == 0) {
      out.add("no swap: overload would OOM-kill everyone's live sessions (capacity.require_swap)");
    }
    return out;
  }

  static String gib(long bytes) {
    return String.format("%.1f GiB", bytes / (double) (1L << 30));
  }
}
