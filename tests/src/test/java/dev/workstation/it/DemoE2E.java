package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.HostFootprint;
import dev.workstation.host.HostSentinels;
import dev.workstation.host.SandboxIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main-job command: {@code workstation demo} runs the whole lifecycle on a real
 * systemd and leaves the host as it was — host processes at the sandbox's uids alive, a canary in
 * the host's {@code /tmp}, no new cgroup, the account files byte-identical. And where systemd
 * cannot boot (cgroups read-only) and git-crypt is missing, it says why, skips what needs them and
 * still runs.
 */
class DemoE2E {
  @TempDir Path dir;

  @Test
  void the_demo_runs_the_whole_lifecycle_on_systemd_and_the_host_is_untouched() throws Exception {
    Sandbox.assumeAvailable();
    String out;
    try (HostFootprint host = HostFootprint.before(Path.of("/tmp"));
        HostSentinels sentinels = HostSentinels.around(SandboxIds.choose(Path.of("/etc")))) {
      var before = Sandbox.hashes();
      out = run(List.of(java(), "-jar", Sandbox.jar().toString(), "demo"));
      assertEquals(before, Sandbox.hashes(), "the host's account files");
      assertEquals(List.of(), sentinels.dead(), "host processes at the sandbox's uids, by uid");
      assertEquals(List.of(), host.changes(), "the host's /tmp canary and cgroups");
    }
    assertTrue(out.contains("demo: every step did what it says."), out);
    assertTrue(out.contains("  ok    emo's ~/code is a git-crypt-locked clone"), out);
    if (out.contains("skip  t3-serve@ is enabled")) {
      // the demo's own skip line names why; this machine cannot boot systemd in a sandbox
      org.junit.jupiter.api.Assumptions.abort("systemd cannot boot here: " + skipped(out));
    }
    for (String line :
        List.of(
            "  ok    t3-serve@ is enabled and running under systemd for wizard, emo and ancamilea",
            "  ok    t3-serve@emo.service (parked) and t3-serve@ancamilea.service (cut) are"
                + " disabled and stopped",
            "  ok    ancamilea's login session was ended at the cut through logind",
            "  ok    host processes running as the sandbox's uids",
            "  ok    host /etc/passwd, group, shadow, gshadow byte-identical",
            "  ok    host /tmp kept its canary file and no cgroup of the sandbox is left")) {
      assertTrue(out.contains(line), line + "\n" + out);
    }
    assertTrue(
        out.matches(
            "(?s).*t3-serve@wizard\\.service +enabled active \\(running, pid \\d+ as wizard\\).*"),
        out);
    assertFalse(out.contains("systemd is not running"), out);
  }

  /**
   * Inside a plain sandbox whose cgroups are read-only (its own mount namespace, so only there), on
   * a PATH without git-crypt: the demo cannot boot systemd, says why, skips the checks that need it
   * and git-crypt, and the rest runs.
   */
  @Test
  void where_systemd_cannot_boot_and_git_crypt_is_missing_the_demo_says_why_and_still_runs()
      throws Exception {
    String out;
    try (Sandbox box = Sandbox.open()) {
      // remount,bind changes this namespace's mounts only: the host's stay writable
      box.sh(
              "for m in /sys/fs/cgroup $(findmnt -rn -o TARGET -t cgroup,cgroup2); do"
                  + " mount -o remount,bind,ro \"$m\" || exit 1; done")
          .ok();
      Path noCrypt = pathWithout("git-crypt");
      Sandbox.Result r =
          box.exec(
              List.of(
                  "env",
                  "PATH=" + noCrypt,
                  java(),
                  "-jar",
                  box.dir().resolve("workstation-all.jar").toString(),
                  "demo"),
              null);
      out = r.both();
      assertEquals(0, r.code(), out);
    }
    assertTrue(
        Files.readString(Path.of("/proc/self/mountinfo"))
            .lines()
            .filter(l -> l.contains(" /sys/fs/cgroup"))
            .allMatch(l -> l.split(" ")[5].startsWith("rw")),
        "the host's cgroup mounts are still writable");
    assertTrue(out.contains("demo: every step did what it says."), out);
    assertTrue(out.contains("plaintext (git-crypt not installed"), out);
    assertTrue(
        out.contains(
            "  skip  emo's ~/code is a git-crypt-locked clone: secrets stay ciphertext (skipped:"
                + " git-crypt is not installed"),
        out);
    assertTrue(
        out.contains(
            "  skip  t3-serve@ is enabled and running under systemd for wizard, emo and ancamilea"),
        out);
    assertTrue(out.contains("systemd cannot boot in the sandbox here: "), out);
    assertTrue(out.contains("Read-only file system"), "the reason names it:\n" + out);
    assertFalse(out.contains("systemd is not running"), "one skip line, not one per unit:\n" + out);
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String skipped(String out) {
    return out.lines().filter(l -> l.startsWith("  skip  t3-serve@")).findFirst().orElse("");
  }

  static String run(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  /** A PATH of links to everything on the usual one except {@code tool}: a machine without it. */
  Path pathWithout(String tool) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String d : new String[] {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin"}) {
      if (!Files.isDirectory(Path.of(d))) {
        continue;
      }
      try (var files = Files.list(Path.of(d))) {
        for (Path f : files.toList()) {
          Path link = bin.resolve(f.getFileName().toString());
          if (!f.getFileName().toString().equals(tool) && !Files.exists(link)) {
            Files.createSymbolicLink(link, f);
          }
        }
      }
    }
    return bin;
  }
}
