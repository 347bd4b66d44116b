package dev.workstation.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workstation.roster.Tier;
import dev.workstation.site.ContainmentSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's containment lines: the box-wide OOM net and the swap against user_swap_max. */
class ContainmentCheckTest {
  static final long G = 1L << 30;
  @TempDir Path proc;

  static ContainmentSettings caps(long swap) {
    return new ContainmentSettings(
        Map.of(Tier.ADMIN, 24 * G, Tier.POWER_USER, 24 * G, Tier.NAMESPACE_OWNER, 12 * G),
        swap,
        8192,
        6 * G,
        1.5);
  }

  void process(String pid, String exe) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(pid));
    Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
  }

  @Test
  void the_net_is_found_by_the_binary_its_process_runs_not_by_its_name() throws Exception {
    process("7", "/usr/bin/bash");
    process("812", "/home/mallory/earlyoom"); // a user's look-alike is no net
    Files.createDirectories(proc.resolve("sys"));
    assertEquals(Optional.empty(), new ContainmentCheck(proc).net());
    process("913", "/usr/bin/earlyoom (deleted)"); // upgraded under a running daemon
    assertEquals(Optional.of("earlyoom (pid 913)"), new ContainmentCheck(proc).net());
  }

  @Test
  void no_swap_with_user_swap_max_0_is_as_it_should_be() {
    assertEquals(CheckStatus.OK, ContainmentCheck.swap(caps(0), 0).status());
  }

  @Test
  void swap_the_slices_are_told_not_to_use_or_a_swap_cap_without_swap_is_a_warning() {
    Check configured = ContainmentCheck.swap(caps(0), 8 * G);
    assertEquals(CheckStatus.WARN, configured.status());
    assertEquals(
        "8.0 GiB configured while containment.user_swap_max is 0: cgroup v2 keeps the slices out"
            + " of it, cgroup v1 does not enforce MemorySwapMax at all",
        configured.detail());
    Check missing = ContainmentCheck.swap(caps(2 * G), 0);
    assertEquals(CheckStatus.WARN, missing.status());
    assertEquals(
        "none configured, yet containment.user_swap_max gives each slice 2G", missing.detail());
  }
}
