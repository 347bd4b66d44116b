package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconcile under the reconcile unit's {@code UMask} (0077) makes what others read with its mode
 * all the same: the managed settings and their directory, the skeleton, the generated maps, the env
 * directory, the metrics directory and file (node_exporter's), the run directory the session socket
 * shares. Root's own state stays root's, and a user's clone has the modes its worker gives it.
 */
class UmaskIT extends SiteTest {
  static final String MANAGED = "scripts/workstation/managed-settings.json";

  String config;

  @BeforeEach
  void setUp() throws Exception {
    Path file = Path.of(site.everyFacet().config());
    Files.writeString(
        file,
        Files.readString(file)
                .replace(
                    "  path: " + RosterRepo.PATH + "\n",
                    "  path: " + RosterRepo.PATH + "\n  managed_settings_path: " + MANAGED + "\n")
            + "managed_settings: {dest: /etc/claude-code/managed-settings.json}\n"
            + "metrics: {textfile_dir: /var/lib/prometheus/node-exporter}\n");
    config = file.toString();
    roster.commit(
        MANAGED,
        "{\"env\": {\"DISABLE_TELEMETRY\": \"1\"}}\n",
        "viktor@example.org",
        "managed settings");
    roster.commitRoster(
        """
        users:
          emo: {authentik_user: emil, k8s_user: emo, tier: power-user}
          anca:
            authentik_user: ancaelena98
            k8s_user: anca
            tier: namespace-owner
            namespaces: [plotting-book]
            code_layout: workspace
            repos: [tripit]
        """);
  }

  /** The reconcile unit's {@code UMask=}. */
  static String unitUmask() throws Exception {
    for (String line : Files.readAllLines(HardenedUnitIT.UNIT)) {
      if (line.startsWith("UMask=")) {
        return line.substring("UMask=".length()).trim();
      }
    }
    throw new AssertionError(HardenedUnitIT.UNIT + " sets no UMask=");
  }

  /** {@code workstation ARGS} under the unit's umask, as systemd starts it. */
  Sandbox.Result ws(String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("/bin/sh", "-c", "umask " + unitUmask() + "; exec \"$@\"", "sh"));
    List<String> ws = new ArrayList<>(List.of("--config=" + config));
    ws.addAll(List.of(args));
    argv.addAll(box.workstationArgv(ws.toArray(String[]::new)));
    return box.exec(argv, null);
  }

  /** {@code path: mode} for each of {@code paths}, as stat shows it (symlinks not followed). */
  String modes(String... paths) {
    List<String> argv = new ArrayList<>(List.of("stat", "-c", "%n: %a %U"));
    argv.addAll(List.of(paths));
    return box.exec(argv, null).ok().out();
  }

  @Test
  void what_others_read_gets_its_mode_under_the_units_umask_and_roots_state_stays_roots()
      throws Exception {
    assertEquals("0077", unitUmask(), "the shipped unit's umask");
    ws("reconcile").ok();

    assertEquals(
        """
        /etc/claude-code: 755 root
        /etc/claude-code/managed-settings.json: 644 root
        /etc/skel/.claude: 755 root
        /etc/skel/.claude/README.workstation: 644 root
        /etc/skel/start-claude.sh: 755 root
        /etc/ttyd-user-map: 644 root
        /etc/ttyd-admins: 644 root
        /etc/t3-serve: 755 root
        /etc/t3-serve/dispatch.json: 644 root
        /etc/t3-serve/emo.env: 600 root
        /var/lib/prometheus/node-exporter: 755 root
        /var/lib/prometheus/node-exporter/workstation.prom: 644 root
        /run/workstation: 755 root
        """,
        modes(
            "/etc/claude-code",
            "/etc/claude-code/managed-settings.json",
            "/etc/skel/.claude",
            "/etc/skel/.claude/README.workstation",
            "/etc/skel/start-claude.sh",
            "/etc/ttyd-user-map",
            "/etc/ttyd-admins",
            "/etc/t3-serve",
            "/etc/t3-serve/dispatch.json",
            "/etc/t3-serve/emo.env",
            "/var/lib/prometheus/node-exporter",
            "/var/lib/prometheus/node-exporter/workstation.prom",
            "/run/workstation"));
    // another uid reads them (Claude Code as the user, node_exporter, the web surface)
    box.asUser(
            "emo",
            "cat /etc/claude-code/managed-settings.json"
                + " /var/lib/prometheus/node-exporter/workstation.prom"
                + " /etc/t3-serve/dispatch.json /etc/ttyd-user-map >/dev/null")
        .ok();

    // root's own state: nothing in it for group or others (the mirrors, the uid map, the roster
    // mirror JGit wrote, the applied roster, the last run)
    assertEquals(
        "",
        box.sh("find /var/lib/workstation -mindepth 1 -perm /077 ! -type l").ok().out(),
        "root's state is root's alone");

    // a user's clone has the modes its worker gives it (its own umask 077, SPEC §8.2), not root's
    // umask: in a 0700 home, the user's alone
    assertEquals(
        """
        /home/anca: 700 anca
        /home/anca/code/tripit: 700 anca
        /home/anca/code/tripit/README.md: 600 anca
        /home/anca/code/tripit/.git/config: 600 anca
        """,
        modes(
            "/home/anca",
            "/home/anca/code/tripit",
            "/home/anca/code/tripit/README.md",
            "/home/anca/code/tripit/.git/config"));
  }
}
