package dev.workstation.cli;

import dev.workstation.host.HostFootprint;
import dev.workstation.host.Nss;
import dev.workstation.util.JvmFlags;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstation demo}: builds a disposable sandbox (its own PID namespace with a real systemd
 * as PID 1 where one can boot — else a plain one, saying why — and a private mount namespace with
 * overlays on /etc, /var and /usr and tmpfs on /home, /run and /tmp), re-runs itself inside it, and
 * plays the whole lifecycle on the embedded example roster. Afterwards it proves the host
 * untouched: its processes at the sandbox's uids, its account files, its /tmp and its cgroups.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole lifecycle on the embedded example in a disposable sandbox and say what happened.",
      "Needs root (it creates real accounts and boots systemd, inside namespaces of its own); the host"
          + " is untouched."
    })
final class DemoCommand extends Subcommand implements Callable<Integer> {

  @Option(names = "--inner", hidden = true, paramLabel = "DIR")
  Path inner;

  /** Why the sandbox the inner run is in has no systemd (the outer run could not boot one). */
  @Option(names = "--without-systemd", hidden = true, paramLabel = "REASON")
  String withoutSystemd;

  @Override
  public Integer call() throws Exception {
    if (inner != null) {
      PrintStream ps = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      return new DemoScript(inner, ps, withoutSystemd).run();
    }
    if (!Nss.isRoot()) {
      err()
          .println(
              "workstation demo needs root: it creates real accounts and homes, inside a private mount namespace"
                  + " (overlay on /etc and /var, tmpfs on /home) so the host is never changed. Run: sudo ./workstation demo");
      return ExitCodes.FAILED;
    }
    for (String tool : List.of("unshare", "useradd", "setpriv", "tar", "ssh-keygen")) {
      if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
        err()
            .println(
                "workstation demo needs "
                    + tool
                    + " (Debian: util-linux / passwd / tar / openssh-client)");
        return ExitCodes.FAILED;
      }
    }
    Path jar =
        Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (HostFootprint footprint = HostFootprint.before(Path.of("/tmp"))) {
      DemoHost host = DemoHost.open(jar, out());
      int code = host.run(inner(host));
      return verdict(code, host, footprint);
    }
  }

  /** The inner run's argv: this JVM's java and flags, the jar in the sandbox, the demo inside. */
  private static List<String> inner(DemoHost host) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> argv = new ArrayList<>(List.of(java));
    argv.addAll(JvmFlags.all());
    Path dir = host.box().dir();
    argv.addAll(
        List.of(
            "-jar",
            dir.resolve("workstation-all.jar").toString(),
            "demo",
            "--inner",
            dir.toString()));
    host.withoutSystemd().ifPresent(r -> argv.add("--without-systemd=" + r));
    return argv;
  }

  /** The host-side checks, after the sandbox has closed, and the demo's last line. */
  private int verdict(int code, DemoHost host, HostFootprint footprint) throws Exception {
    java.io.PrintWriter o = out();
    List<String> checks = host.hostChecks(footprint);
    o.println();
    o.println("== the host, after the sandbox closed ==");
    checks.forEach(o::println);
    boolean ok = code == 0 && checks.stream().allMatch(l -> l.startsWith("  ok"));
    o.println(
        ok
            ? "demo: every step did what it says."
            : "demo: some step did not do what it says (see above).");
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }

  static String hostAccounts() throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (String f : List.of("passwd", "group", "shadow", "gshadow")) {
      Path p = Path.of("/etc", f);
      if (Files.exists(p)) {
        d.update(Files.readAllBytes(p));
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
