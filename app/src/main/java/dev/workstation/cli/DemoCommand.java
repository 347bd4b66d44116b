package dev.workstation.cli;

import dev.workstation.host.HostSandbox;
import dev.workstation.host.HostSentinels;
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
 * {@code workstation demo}: builds a disposable sandbox (a private mount namespace with overlays on
 * /etc and /var and tmpfs on /home and /run), re-runs itself inside it, and plays the whole
 * lifecycle on the embedded example roster. Afterwards it proves the host's account files are
 * byte-identical.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole lifecycle on the embedded example in a disposable sandbox and say what happened.",
      "Needs root (it creates real accounts, inside a private mount namespace); the host is untouched."
    })
final class DemoCommand extends Subcommand implements Callable<Integer> {

  @Option(names = "--inner", hidden = true, paramLabel = "DIR")
  Path inner;

  @Override
  public Integer call() throws Exception {
    if (inner != null) {
      PrintStream ps = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      return new DemoScript(inner, ps).run();
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
    String before = hostAccounts();
    Path dir = Files.createTempDirectory("workstation-demo-");
    Path jar =
        Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String java = ProcessHandle.current().info().command().orElse("java");
    try (HostSandbox box = HostSandbox.open(dir, jar);
        HostSentinels sentinels = HostSentinels.around(box.ids())) {
      List<String> inner = new ArrayList<>(List.of(java));
      inner.addAll(JvmFlags.all());
      inner.addAll(
          List.of(
              "-jar",
              dir.resolve("workstation-all.jar").toString(),
              "demo",
              "--inner",
              dir.toString()));
      int code = new ProcessBuilder(box.enter(inner)).inheritIO().start().waitFor();
      List<Integer> dead = sentinels.dead();
      boolean untouched = before.equals(hostAccounts());
      java.io.PrintWriter o = out();
      o.println(
          (dead.isEmpty() ? "  ok    " : "  FAIL  ")
              + "host processes running as the sandbox's uids "
              + sentinels.describe()
              + (dead.isEmpty() ? " all survived" : " were killed: " + dead)
              + " (the sandbox has its own PID namespace)");
      o.println(
          (untouched ? "  ok    " : "  FAIL  ")
              + "host /etc/passwd, group, shadow, gshadow "
              + (untouched
                  ? "byte-identical to before the demo"
                  : "CHANGED — a bug, please report it"));
      boolean ok = code == 0 && untouched && dead.isEmpty();
      o.println(
          ok
              ? "demo: every step did what it says."
              : "demo: some step did not do what it says (see above).");
      return ok ? ExitCodes.OK : ExitCodes.FAILED;
    } finally {
      dev.workstation.util.FileTrees.delete(dir);
    }
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
