package dev.workstation.host;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The devvm is the binding constraint: memory budget × active users, swap (zero swap turns overload
 * into OOM kills of everyone's live sessions), free disk. Checked by onboard/unpark (which refuse
 * unless forced), doctor and status; the routine reconcile only warns.
 */
public record Capacity(long memTotal, long swapTotal, long freeDisk) {

  public static Capacity measure(Path homeRoot) throws IOException {
    long mem = 0;
    long swap = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      String[] f = line.split("\\s+");
      if (f[0].equals("MemTotal:")) {
        mem = Long.parseLong(f[1]) * 1024;
      } else if (f[0].equals("SwapTotal:")) {
        swap = Long.parseLong(f[1]) * 1024;
      }
    }
    return new Capacity(mem, swap, Files.getFileStore(homeRoot).getUsableSpace());
  }

  /** Every way {@code activeUsers} would exceed the ceiling; empty when it fits. */
  public List<String> violations(SiteConfig.Capacity c, int activeUsers) {
    List<String> out = new ArrayList<>();
    if (activeUsers > c.maxActiveUsers()) {
      out.add(activeUsers + " active users exceed capacity.max_active_users " + c.maxActiveUsers());
    }
    long budget = c.memoryPerUserBytes() * activeUsers;
    if (budget > memTotal) {
      out.add(
          activeUsers
              + " users × "
              + gib(c.memoryPerUserBytes())
              + " = "
              + gib(budget)
              + " exceeds memory "
              + gib(memTotal));
    }
    if (freeDisk < c.minFreeDiskBytes()) {
      out.add(
          "free disk "
              + gib(freeDisk)
              + " is below capacity.min_free_disk "
              + gib(c.minFreeDiskBytes()));
    }
    if (c.requireSwap() && swapTotal == 0) {
      out.add("no swap: overload would OOM-kill everyone's live sessions (capacity.require_swap)");
    }
    return out;
  }

  static String gib(long bytes) {
    return String.format("%.1f GiB", bytes / (double) (1L << 30));
  }
}
