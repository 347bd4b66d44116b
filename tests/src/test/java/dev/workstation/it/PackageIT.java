package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Debian package the Maven package phase builds, inspected with dpkg-deb, bash and lintian. */
class PackageIT {
  static final Path DEB =
      Path.of(System.getProperty("workstation.repo", ".."))
          .resolve("app/target/workstation_0.1.0_all.deb");
  @TempDir Path dir;

  static String run(Path cwd, String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + ":\n" + out);
    return out;
  }

  @Test
  void the_package_holds_the_jar_launcher_units_conffile_completion_and_man_page()
      throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb");
    String contents = run(dir, "dpkg-deb", "-c", DEB.toString());
    for (String f :
        List.of(
            "./usr/share/workstation/workstation.jar",
            "./usr/bin/workstation",
            "./lib/systemd/system/workstation-reconcile.service",
            "./lib/systemd/system/workstation-reconcile.timer",
            "./etc/workstation/workstation.yaml",
            "./usr/share/bash-completion/completions/workstation",
            "./usr/share/man/man1/workstation.1.gz")) {
      assertTrue(contents.contains(f), f + " missing:\n" + contents);
    }
    assertFalse(
        contents.contains("t3-serve@"),
        "no per-user surface template: those are the site's (docs/examples/)\n" + contents);
    assertEquals(
        "/etc/workstation/workstation.yaml",
        run(dir, "sh", "-c", "dpkg-deb --ctrl-tarfile " + DEB + " | tar -xOf - ./conffiles")
            .strip(),
        "the site config is a conffile");
  }

  @Test
  void the_completion_script_loads_in_bash_and_the_man_page_renders() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb");
    run(dir, "dpkg-deb", "-x", DEB.toString(), dir.toString());
    String complete =
        run(
            dir,
            "bash",
            "-c",
            "source usr/share/bash-completion/completions/workstation && complete -p workstation");
    assertTrue(complete.contains("workstation"), complete);
    String man = run(dir, "sh", "-c", "zcat usr/share/man/man1/workstation.1.gz | head -3");
    assertTrue(man.startsWith(".TH WORKSTATION 1"), man);
  }

  @Test
  void lintian_reports_no_errors() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/lintian")),
        "needs lintian (Debian package lintian; .ci/run installs it)");
    Process p = new ProcessBuilder("lintian", DEB.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    assertTrue(out.lines().noneMatch(l -> l.startsWith("E: ")), out);
  }

  @Test
  void the_class_data_sharing_archive_the_postinst_makes_is_usable() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jsa = dir.resolve("workstation.jsa");
    Path example =
        Path.of(System.getProperty("workstation.repo", "..")).resolve("roster/roster.example.yaml");
    run(
        dir,
        java,
        "-Xlog:disable",
        "-XX:ArchiveClassesAtExit=" + jsa,
        "-jar",
        Sandbox.jar().toString(),
        "warm-up");
    assertTrue(Files.size(jsa) > 0);
    // -Xshare:on fails outright when the archive cannot be mapped
    String out =
        run(
            dir,
            java,
            "-XX:SharedArchiveFile=" + jsa,
            "-Xshare:on",
            "-jar",
            Sandbox.jar().toString(),
            "roster",
            "validate",
            example.toString());
    assertTrue(out.contains("valid (4 users)"), out);
  }
}
