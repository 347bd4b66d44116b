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
 * Every unit the package installs, and every documented example, passes {@code systemd-analyze
 * verify} with no warnings. verify exits 0 on unknown keys, so its stderr must be empty too. It
 * runs against a scratch root with the distribution's units and stub executables, so it checks our
 * files, not this host.
 */
class UnitFilesIT {
  @TempDir Path root;
  @TempDir Path unpacked;

  static final Path REPO = Path.of(System.getProperty("workstation.repo", ".."));

  @Test
  void every_unit_the_package_installs_verifies_without_a_warning() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
        "needs systemd-analyze (Debian package systemd)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb");
    Process x =
        new ProcessBuilder("dpkg-deb", "-x", PackageIT.DEB.toString(), unpacked.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, x.waitFor(), new String(x.getInputStream().readAllBytes()));
    List<Path> units = new ArrayList<>();
    for (String dir :
        List.of("lib/systemd/system", "usr/lib/systemd/system", "etc/systemd/system")) {
      if (Files.isDirectory(unpacked.resolve(dir))) {
        try (var s = Files.list(unpacked.resolve(dir))) {
          units.addAll(s.toList());
        }
      }
    }
    assertEquals(
        List.of(
            "workstation-claude-auth@.service",
            "workstation-claude-auth@.timer",
            "workstation-membership.service",
            "workstation-membership.timer",
            "workstation-reconcile.service",
            "workstation-reconcile.timer",
            "workstation-session.service",
            "workstation-session.socket"),
        units.stream().map(u -> u.getFileName().toString()).sorted().toList(),
        "the package ships its own units only (its claude-auth template among them): per-user"
            + " surface templates are the site's");
    verify(units, List.of("usr/bin/workstation"));
  }

  /**
   * Each service the package ships rates at most 5.0 in {@code systemd-analyze security
   * --offline=true}, and docs/security.md states its figure; each makes its files for its own user
   * only ({@code UMask=0077}: what others read, the code sets to its mode).
   */
  @Test
  void every_service_is_hardened_to_the_exposure_docs_security_states() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "needs systemd-analyze");
    // the doc's sections (split at its headings): the unit's figure is in one that names the unit
    List<String> sections =
        List.of(Files.readString(REPO.resolve("docs/security.md")).split("\n#"));
    List<Path> services;
    try (var ls = Files.list(REPO.resolve("systemd"))) {
      services = ls.filter(p -> p.toString().endsWith(".service")).sorted().toList();
    }
    assertTrue(services.size() >= 3, services.toString());
    for (Path unit : services) {
      Process p =
          new ProcessBuilder("systemd-analyze", "security", "--offline=true", unit.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("Overall exposure level for \\S+: ([0-9.]+) (\\w+)")
              .matcher(out);
      assertTrue(m.find(), out);
      double exposure = Double.parseDouble(m.group(1));
      assertTrue(exposure <= 5.0, unit + " rates " + exposure + ":\n" + out);
      String name = unit.getFileName().toString();
      String figure = "**" + m.group(1) + " " + m.group(2) + "**";
      assertTrue(
          sections.stream().anyMatch(sec -> sec.contains(name) && sec.contains(figure)),
          "docs/security.md gives " + name + " its figure " + figure);
    }
    for (Path unit : services) {
      assertTrue(
          Files.readAllLines(unit).contains("UMask=0077"), unit + " makes its files its own");
    }
  }

  @Test
  void the_documented_surface_example_verifies_with_the_real_t3() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "needs systemd-analyze");
    List<Path> units = new ArrayList<>();
    try (var s = Files.list(REPO.resolve("docs/examples"))) {
      s.filter(p -> p.toString().endsWith(".service") || p.toString().endsWith(".timer"))
          .forEach(units::add);
    }
    assertEquals(1, units.size(), units.toString());
    String unit = Files.readString(units.get(0));
    assertTrue(unit.contains("ExecStart=/usr/bin/t3 serve --host 0.0.0.0"), unit);
    assertTrue(unit.contains("MemoryMax=24G") && unit.contains("OOMPolicy=continue"), unit);
    verify(units, List.of("usr/bin/t3"));
  }

  /** verify {@code units} (copied into the scratch root's /etc) with {@code stubs} executable. */
  void verify(List<Path> units, List<String> stubs) throws Exception {
    Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
    copyTree(
        Path.of("/lib/systemd/system"),
        Files.createDirectories(root.resolve("usr/lib/systemd/system")));
    for (String exe : stubs) {
      Path p = root.resolve(exe);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "#!/bin/sh\n");
      p.toFile().setExecutable(true);
    }
    List<String> argv =
        new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no", "--root=" + root));
    for (Path u : units) {
      Files.copy(u, etc.resolve(u.getFileName()));
      argv.add("/etc/systemd/system/" + u.getFileName());
    }
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
