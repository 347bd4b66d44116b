package dev.workstation.cli;

import dev.workstation.host.ProcessRunner;
import dev.workstation.host.TcpListeners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's per-user units, run by the sandbox's own systemd: the documented template ({@code
 * docs/examples/t3-serve@.service}) installed with a harmless {@code ExecStart} — a listener on the
 * user's sticky port, on loopback — and read back from systemd as it has them. Where systemd could
 * not boot, {@link #reason} says why and the demo configures no per-user unit.
 */
final class DemoUnits {
  static final String TEMPLATE = "t3-serve@";
  static final Path INSTALLED = Path.of("/etc/systemd/system/t3-serve@.service");

  /** Listens on the user's port as the user until stopped ({@code $$}: systemd's escape). */
  static final String EXEC_START =
      "ExecStart=/usr/bin/perl -MIO::Socket::INET -e 'my $$s = IO::Socket::INET->new(LocalAddr =>"
          + " \"127.0.0.1\", LocalPort => $$ENV{T3_PORT}, Listen => 5, ReuseAddr => 1) or die"
          + " \"port $$ENV{T3_PORT}: $$!\\n\"; sleep'";

  private final ProcessRunner run = new ProcessRunner();
  private final String reason;

  /**
   * @param reason why systemd did not boot, or null when it runs
   */
  DemoUnits(String reason) {
    this.reason = reason;
  }

  boolean running() {
    return reason == null;
  }

  String reason() {
    return reason;
  }

  /** The site config's {@code units:} line: the template where systemd runs, none elsewhere. */
  String siteConfig(int port) {
    return "units: {per_user: ["
        + (running() ? TEMPLATE : "")
        + "], env_dir: /etc/t3-serve, port_pools: {t3: "
        + port
        + "}}";
  }

  /** Installs the example template with the harmless ExecStart, as a site would its own. */
  void install() throws IOException {
    String unit =
        DemoRepos.resource("t3-serve@.service")
            .lines()
            .map(l -> l.startsWith("ExecStart=") ? EXEC_START : l)
            .reduce("", (a, b) -> a + b + "\n");
    Files.writeString(INSTALLED, unit);
    run.run(List.of("systemctl", "daemon-reload")).check();
  }

  /** A free block of ports for the t3 pool: the demo's units listen on the host's loopback. */
  static int freePortBase() throws IOException {
    for (int base = 3773; base < 60000; base += 1000) {
      boolean free = true;
      for (int p = base; p < base + 20 && free; p++) {
        free = !TcpListeners.taken(p);
      }
      if (free) {
        return base;
      }
    }
    return 3773;
  }

  /** unit → "enabled active (running)" and the like, as {@code systemctl show} says. */
  Map<String, String> states(List<String> users) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String u : users) {
      String unit = TEMPLATE + u + ".service";
      Map<String, String> p = show(unit, "UnitFileState", "ActiveState", "SubState", "MainPID");
      String pid = p.getOrDefault("MainPID", "0");
      out.put(
          unit,
          p.getOrDefault("UnitFileState", "?")
              + " "
              + p.getOrDefault("ActiveState", "?")
              + " ("
              + p.getOrDefault("SubState", "?")
              + (pid.equals("0") ? "" : ", pid " + pid + " as " + owner(pid))
              + ")");
    }
    return out;
  }

  /** Whether {@code user}'s unit is enabled and running as them. */
  boolean serving(String user) {
    Map<String, String> p =
        show(TEMPLATE + user + ".service", "UnitFileState", "SubState", "MainPID");
    String pid = p.getOrDefault("MainPID", "0");
    return "enabled".equals(p.get("UnitFileState"))
        && "running".equals(p.get("SubState"))
        && user.equals(owner(pid));
  }

  /** Whether {@code user}'s unit is disabled and not running. */
  boolean stopped(String user) {
    Map<String, String> p = show(TEMPLATE + user + ".service", "UnitFileState", "ActiveState");
    return !"enabled".equals(p.get("UnitFileState")) && "inactive".equals(p.get("ActiveState"));
  }

  /**
   * Starts a login session of {@code user} (runuser's PAM stack registers it with logind), under a
   * shell without job control as sshd would be its parent; returns once logind lists it.
   */
  Process startSession(String user) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "sh", "-c", "\"$@\"; exit $?", "sh", "runuser", "-l", user, "-c", "sleep 600")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    for (int i = 0; i < 100 && sessions(user).isEmpty(); i++) {
      Thread.sleep(100);
    }
    return p;
  }

  /** {@code user}'s logind sessions. */
  List<String> sessions(String user) {
    List<String> out = new ArrayList<>();
    for (String line :
        run.run(List.of("loginctl", "list-sessions", "--no-legend")).stdout().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[2].equals(user)) {
        out.add(f[0]);
      }
    }
    return out;
  }

  private Map<String, String> show(String unit, String... props) {
    List<String> argv = new ArrayList<>(List.of("systemctl", "show", unit));
    for (String p : props) {
      argv.add("-p");
      argv.add(p);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : run.run(argv).stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  private String owner(String pid) {
    return run.run(List.of("ps", "-o", "user=", "-p", pid)).stdout().strip();
  }
}
