package dev.workstation.doctor;

import dev.workstation.host.Capacity;
import dev.workstation.site.SiteConfig;
import java.util.List;

/** Memory, swap and free disk against the site's {@code capacity:} (a warning, never a failure). */
final class CapacityCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    try {
      Capacity c = Capacity.measure(s.homeRoot());
      List<String> v = s.capacity().map(cap -> cap.violations(c, 0)).orElse(List.of());
      String detail =
          String.format(
              "memory %.1f GiB, swap %.1f GiB, free disk %.1f GiB",
              c.memTotal() / 1073741824.0,
              c.swapTotal() / 1073741824.0,
              c.freeDisk() / 1073741824.0);
      return List.of(
          v.isEmpty()
              ? Check.ok("capacity", detail)
              : Check.warn(
                  "capacity",
                  detail + "; " + String.join("; ", v),
                  "add swap / memory / disk, or lower capacity in the site config"));
    } catch (Exception e) {
      return List.of(
          Check.warn(
              "capacity",
              "cannot measure: " + e.getMessage(),
              "check /proc/meminfo and " + s.homeRoot()));
    }
  }
}
