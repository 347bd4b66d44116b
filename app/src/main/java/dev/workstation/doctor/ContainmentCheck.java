package dev.workstation.doctor;

import dev.workstation.host.Capacity;
import dev.workstation.site.ContainmentSettings;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * With {@code containment:} (SPEC §6.11): whether a box-wide net runs — earlyoom or systemd-oomd,
 * which act before the kernel's own OOM killer picks a victim across everyone's sessions once the
 * caps add up past the RAM — and whether the swap the box has agrees with {@code user_swap_max}.
 * Warnings: the caps work without either.
 */
final class ContainmentCheck implements SiteCheck {
  /** The nets, by the binary their process runs (a user can rename a process, not its binary). */
  static final Set<String> NETS =
      Set.of(
          "/usr/bin/earlyoom",
          "/usr/sbin/earlyoom",
          "/usr/lib/systemd/systemd-oomd",
          "/lib/systemd/systemd-oomd");

  private final Path proc;

  ContainmentCheck() {
    this(Path.of("/proc"));
  }

  ContainmentCheck(Path proc) {
    this.proc = proc;
  }

  @Override
  public List<Check> run(SiteConfig s) {
    if (s.containment().isEmpty()) {
      return List.of();
    }
    List<Check> out = new ArrayList<>();
    out.add(
        net()
            .map(n -> Check.ok("OOM net", n + " runs"))
            .orElse(
                Check.warn(
                    "OOM net",
                    "neither earlyoom nor systemd-oomd runs: once the users' caps add up past the"
                        + " RAM, the kernel's OOM killer picks its victim across everyone's"
                        + " sessions",
                    "apt-get install earlyoom (or enable systemd-oomd)")));
    try {
      out.add(swap(s.containment().get(), Capacity.measure(s.homeRoot()).swapTotal()));
    } catch (IOException | RuntimeException e) {
      out.add(Check.warn("swap", "cannot read: " + e.getMessage(), "check /proc/meminfo"));
    }
    return out;
  }

  /** The net that runs ({@code earlyoom (pid 812)}), if any. */
  Optional<String> net() {
    try (Stream<Path> pids = Files.list(proc)) {
      return pids.filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .flatMap(
              p ->
                  exe(p)
                      .filter(NETS::contains)
                      .map(e -> name(e) + " (pid " + p.getFileName() + ")")
                      .stream())
          .sorted()
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> exe(Path pid) {
    try {
      return Optional.of(
          Files.readSymbolicLink(pid.resolve("exe")).toString().replace(" (deleted)", ""));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a kernel thread, or gone
    }
  }

  private static String name(String exe) {
    return exe.substring(exe.lastIndexOf('/') + 1);
  }

  /** What {@code swapBytes} of swap means for slices held to {@code user_swap_max}. */
  static Check swap(ContainmentSettings caps, long swapBytes) {
    String size = ContainmentSettings.systemdSize(caps.userSwapMax());
    if (caps.userSwapMax() == 0 && swapBytes == 0) {
      return Check.ok(
          "swap",
          "none configured, as containment.user_swap_max: 0 says: a user at their cap is"
              + " OOM-killed, never swapped or throttled");
    }
    if (caps.userSwapMax() == 0) {
      return Check.warn(
          "swap",
          String.format(
              java.util.Locale.ROOT,
              "%.1f GiB configured while containment.user_swap_max is 0: cgroup v2 keeps the"
                  + " slices out of it, cgroup v1 does not enforce MemorySwapMax at all",
              swapBytes / (double) (1L << 30)),
          "swapoff it (and remove it from /etc/fstab), or set containment.user_swap_max");
    }
    return swapBytes == 0
        ? Check.warn(
            "swap",
            "none configured, yet containment.user_swap_max gives each slice " + size,
            "add swap, or set containment.user_swap_max: 0")
        : Check.ok("swap", "configured; each slice may use " + size);
  }
}
