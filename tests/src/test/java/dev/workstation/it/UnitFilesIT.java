package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unit in {@code systemd/} passes {@code systemd-analyze verify} with no warnings. verify
 * exits 0 on unknown keys, so its stderr must be empty too. It runs against a scratch root with the
 * distribution's units and stub executables, so it checks our files, not this host.
 */
class UnitFilesIT {
  @TempDir Path root;

  @Test
  void every_unit_verifies_without_a_warning() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
        "needs systemd-analyze (Debian package systemd)");
    Path repo = Path.of(System.getProperty("workstation.repo", ".."));
    Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
    copyTree(
        Path.of("/lib/systemd/system"),
        Files.createDirectories(root.resolve("usr/lib/systemd/system")));
    for (String exe : List.of("usr/bin/workstation", "usr/local/bin/t3-serve")) {
      Path p = root.resolve(exe);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "#!/bin/sh\n");
      p.toFile().setExecutable(true);
    }
    List<String> units = new ArrayList<>();
    try (var s = Files.list(repo.resolve("systemd"))) {
      for (Path u : s.toList()) {
        Files.copy(u, etc.resolve(u.getFileName()));
        units.add("/etc/systemd/system/" + u.getFileName());
      }
    }
    for (String u :
        List.of(
            "workstation-reconcile.service",
            "workstation-reconcile.timer",
            "workstation-session.socket",
            "workstation-session.service")) {
      assertTrue(units.contains("/etc/systemd/system/" + u), u + " is verified too: " + units);
    }
    List<String> argv =
        new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no", "--root=" + root));
    argv.addAll(units);
    Process p = new ProcessBuilder(argv).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    assertEquals("", err + out, "systemd-analyze verify must print nothing");
  }

  @Test
  void verify_does_report_an_unknown_key_so_this_check_can_fail() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "needs systemd-analyze");
    Path unit = root.resolve("bad.service");
    Files.writeString(unit, "[Service]\nBogus=1\nExecStart=/bin/true\n");
    Process p =
        new ProcessBuilder("systemd-analyze", "verify", "--man=no", unit.toString()).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    assertEquals(true, err.contains("Unknown key 'Bogus'"), err);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path src : walk.toList()) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isSymbolicLink(src)) {
          Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
        } else if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst);
        }
      }
    }
  }
}
