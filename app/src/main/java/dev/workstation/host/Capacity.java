package dev.workstation.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the devvm has: memory, swap and free disk under the homes — what the site's ceiling ({@code
 * site.CapacityCeiling}) is checked against.
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

  static String gib(long bytes) {
    return String.format("%.1f GiB", bytes / (double) (1L << 30));
  }
}
