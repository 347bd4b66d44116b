package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the Maven package phase builds: inspected with dpkg-deb, bash, man and
 * lintian, and installed with dpkg into a sandbox and walked the way a new admin walks it.
 */
@SandboxedSite
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
            "./usr/share/workstation/jvm.args",
            "./lib/systemd/system/workstation-reconcile.service",
            "./lib/systemd/system/workstation-reconcile.timer",
            "./lib/systemd/system/workstation-claude-auth@.service",
            "./lib/systemd/system/workstation-claude-auth@.timer",
            "./etc/workstation/workstation.yaml",
            "./usr/share/bash-completion/completions/workstation",
            "./usr/share/man/man1/workstation.1.gz",
            // what the messages, the man page and the example config cite, at docs/… as cited
            "./usr/share/doc/workstation/README.md",
            "./usr/share/doc/workstation/docs/runbooks/roster-signing.md",
            "./usr/share/doc/workstation/docs/runbooks/migrate-layout.md",
            "./usr/share/doc/workstation/docs/runbooks/adopt.md",
            "./usr/share/doc/workstation/docs/examples/t3-serve@.service",
            "./usr/share/doc/workstation/docs/observability/workstation-dashboard.json",
            "./usr/share/doc/workstation/docs/observability/workstation-alerts.yml",
            "./usr/share/doc/workstation/docs/security.md")) {
      assertTrue(contents.contains(f), f + " missing:\n" + contents);
    }
    assertTrue(
        contents.lines().noneMatch(l -> l.contains("t3-serve@") && !l.contains("/usr/share/doc/")),
        "no per-user surface template but the documented example: those are the site's\n"
            + contents);
    String depends = run(dir, "dpkg-deb", "-f", DEB.toString(), "Depends");
    for (String dep : List.of("openssh-client", "util-linux", "tar", "curl", "git", "passwd")) {
      assertTrue(depends.matches("(?s).*\\b" + dep + "\\b.*"), dep + " not in: " + depends);
    }
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
    assertEquals(
        "admin power-user namespace-owner",
        complete(
            dir, "usr/share/bash-completion/completions/workstation", "onboard zed --tier ''"));
    assertEquals(
        "workspace",
        complete(
            dir, "usr/share/bash-completion/completions/workstation", "onboard zed --layout w"));
    String roff = run(dir, "sh", "-c", "zcat usr/share/man/man1/workstation.1.gz");
    assertTrue(roff.startsWith(".TH WORKSTATION 1"), roff);
    assertTrue(roff.lines().count() > 100, "one roff request a line:\n" + roff);
    // no skip: .ci/run installs man-db and groff-base, and a page that was never rendered is
    // untested
    assertTrue(
        Files.isExecutable(Path.of("/usr/bin/man")), "needs man (man-db; .ci/run installs it)");
    // man -l renders it as a person would read it; --warnings makes groff say what it dislikes
    Process p =
        new ProcessBuilder(
                "man",
                "--warnings",
                "-l",
                dir.resolve("usr/share/man/man1/workstation.1.gz").toString())
            .directory(dir.toFile())
            .start();
    p.getOutputStream().close();
    String page = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String warnings = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), warnings);
    assertEquals("", warnings, "man -l renders it without a warning");
    for (String heading : List.of("NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS", "FILES")) {
      assertTrue(page.contains(heading), heading + " missing:\n" + page);
    }
    for (String cmd : List.of("plan", "reconcile", "offboard USER", "doctor")) {
      assertTrue(page.contains(cmd), cmd + " missing:\n" + page);
    }
  }

  /** What bash offers for the last word of {@code workstation WORDS} (words as bash sees them). */
  static String complete(Path cwd, String script, String words) throws Exception {
    return run(
            cwd,
            "bash",
            "-c",
            "source "
                + script
                + " 2>/dev/null; COMP_WORDS=(workstation "
                + words
                + "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _complete_workstation 2>/dev/null;"
                + " echo \"${COMPREPLY[*]}\"")
        .strip();
  }

  @Test
  void lintian_reports_no_error_and_no_warning() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/lintian")),
        "needs lintian (Debian package lintian; .ci/run installs it)");
    Process p = new ProcessBuilder("lintian", DEB.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    assertTrue(
        out.lines().noneMatch(l -> l.startsWith("E: ") || l.startsWith("W: ")),
        "lintian clean (no error, no warning):\n" + out);
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

  /** dpkg's own records of the install and the purge (not the package's, not its runs'). */
  static final List<String> DPKG_BOOKKEEPING =
      List.of("/var/lib/dpkg/", "/var/log/dpkg.log", "/var/log/apt/");

  /**
   * What stays after a purge, on purpose: what reconcile provisioned for the people on the host —
   * their account (shadow-utils' backups of the files it edited, their mail spool) and the files
   * their services read (the login maps, the web surface's dispatch, their env file with their
   * sticky port). Everything else the package or its runs wrote must be gone.
   */
  static final Set<String> PROVISIONED =
      Set.of(
          "/etc/subgid-", // useradd's backups of the files it edited for the account
          "/etc/subuid-",
          "/etc/ttyd-user-map",
          "/etc/ttyd-admins",
          "/etc/t3-serve",
          "/etc/t3-serve/dispatch.json",
          "/etc/t3-serve/emo.env");

  /** The admin's own keys and tokens: never the package's to delete. */
  static final Set<String> ADMINS_OWN =
      Set.of("/etc/workstation", "/etc/workstation/signing_key", "/etc/workstation/vault-token");

  /** Every path under /etc, /usr, /var and /run in the sandbox. */
  static Set<String> paths(Sandbox box) {
    return Set.copyOf(box.sh("find /etc /usr /var /run -xdev 2>/dev/null").out().lines().toList());
  }

  /**
   * The admin path from the package: install (the timer enabled), the untouched example refused
   * with its keys, doctor, a filled-in config reconciled by the installed binary, purge.
   */
  @Test
  void the_package_installs_with_the_timer_enabled_refuses_the_example_reconciles_and_purges_clean(
      Site site) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "needs dpkg");
    Sandbox box = site.box();
    RosterRepo roster = site.roster();
    // /usr is the host's in the sandbox: an overlay there too, so the package lands nowhere else
    Path up = box.dir().resolve(".usr");
    box.sh(
            "mkdir -p "
                + up
                + "/up "
                + up
                + "/work && mount -t overlay overlay -o lowerdir=/usr,upperdir="
                + up
                + "/up,workdir="
                + up
                + "/work /usr")
        .ok();
    Set<String> before = paths(box);
    Sandbox.Result install = box.exec("dpkg", "-i", DEB.toAbsolutePath().normalize().toString());
    install.ok();
    assertEquals(
        "enabled",
        box.exec("systemctl", "is-enabled", "workstation-reconcile.timer").out().strip(),
        "the package enables the timer");
    assertTrue(
        box.exec("test", "-s", "/var/cache/workstation/workstation.jsa").code() == 0,
        "the postinst made the class-data archive");

    // the untouched example: refused (3) with the keys to fill in, before anything is fetched
    for (String cmd : List.of("plan", "reconcile")) {
      Sandbox.Result refused = box.exec("workstation", cmd);
      assertEquals(3, refused.code(), cmd + ": " + refused.both());
      for (String key : List.of("roster.url", "infra.clone_url", "vault.address")) {
        assertTrue(
            refused.err().contains(key + ": still the example's placeholder"), refused.err());
      }
    }
    assertEquals(
        "",
        box.sh("ls -A /var/lib/workstation").out(),
        "nothing was fetched from the placeholder hosts: no roster mirror");
    Sandbox.Result guide = box.exec("workstation", "doctor");
    assertEquals(1, guide.code(), guide.both());
    assertTrue(guide.out().contains("FAIL  fill in roster.url"), guide.out());
    assertTrue(guide.out().contains("skipped: the config still holds the example"), guide.out());

    // filled in: the installed binary reconciles from a real roster repository
    roster.commitRoster("users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n");
    box.write(
        "/etc/workstation/workstation.yaml",
        "roster: {url: "
            + roster.origin()
            + ", branch: master, path: "
            + RosterRepo.PATH
            + "}\nmetrics: {textfile_dir: /var/lib/prometheus/node-exporter}\n"
            // the generated files too (maps, dispatch.json, env files): the purge must see them
            + "units: {per_user: []}\n",
        "0644");
    Sandbox.Result doctor = box.exec("workstation", "doctor");
    assertFalse(doctor.out().contains("fill in"), doctor.out());
    assertTrue(doctor.out().contains("OK    roster fetch"), doctor.out());
    box.exec("workstation", "reconcile").ok();
    assertEquals(0, box.exec("getent", "passwd", "emo").code(), "emo's account was made");
    assertEquals(
        "emo",
        box.exec(
                "bash",
                "-c",
                "source /usr/share/bash-completion/completions/workstation 2>/dev/null;"
                    + " COMP_WORDS=(workstation park e); COMP_CWORD=2; _complete_workstation"
                    + " 2>/dev/null; echo \"${COMPREPLY[*]}\"")
            .out()
            .strip(),
        "completion offers the host's users");
    assertTrue(
        box.exec("test", "-s", "/var/lib/prometheus/node-exporter/workstation.prom").code() == 0);

    // purge: everything the package and its runs wrote is gone, but what it provisioned for the
    // people (their accounts, and the files their services read) and the admin's own keys and
    // tokens, each named on the way out (they were left without a word)
    box.write("/etc/workstation/signing_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n", "600");
    box.write("/etc/workstation/vault-token", "hvs.x\n", "600");
    Sandbox.Result purge = box.exec("dpkg", "--purge", "workstation").ok();
    Set<String> left = new TreeSet<>(paths(box));
    left.removeAll(before);
    left.removeIf(p -> DPKG_BOOKKEEPING.stream().anyMatch(p::startsWith));
    Set<String> kept = new TreeSet<>(PROVISIONED);
    kept.addAll(ADMINS_OWN);
    assertEquals(kept, left, "left after the purge:\n" + purge.both());
    assertTrue(
        purge.err().contains("workstation: kept /etc/workstation: signing_key vault-token - "),
        purge.both());
    assertTrue(purge.err().contains("kept the accounts and homes"), purge.both());
    assertTrue(
        purge.err().contains("workstation: kept the files reconcile made for the site's services"),
        purge.both());
    assertTrue(
        box.exec("systemctl", "is-enabled", "workstation-reconcile.timer").code() != 0,
        "the timer's enablement is gone");
    assertEquals(0, box.exec("getent", "passwd", "emo").code(), "accounts are never purged");
  }
}
