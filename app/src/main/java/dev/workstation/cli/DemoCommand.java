package dev.workstation.cli;

import dev.workstation.host.Nss;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstation demo}: builds a disposable sandbox (a private mount namespace with overlays
 * on /etc and /var and tmpfs on /home and /run), re-runs itself inside it, and plays the whole
 * lifecycle on the embedded example roster. Afterwards it proves the host's account files are
 * byte-identical.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole lifecycle on the embedded example in a disposable sandbox and say what happened.",
        "Needs root (it creates real accounts, inside a private mount namespace); the host is untouched."})
final class DemoCommand extends Subcommand implements Callable<Integer> {

  @Option(names = "--inner", hidden = true, paramLabel = "DIR") Path inner;

  @Override
  public Integer call() throws Exception {
    if (inner != null) {
      PrintStream ps = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      return new DemoScript(inner, ps).run();
    }
    if (!Nss.isRoot()) {
      err().println("workstation demo needs root: it creates real accounts and homes, inside a private mount namespace"
          + " (overlay on /etc and /var, tmpfs on /home) so the host is never changed. Run: sudo ./workstation demo");
      return ExitCodes.FAILED;
    }
    for (String tool : List.of("unshare", "useradd", "setpriv", "tar")) {
      if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
        err().println("workstation demo needs " + tool + " (Debian: util-linux / passwd / tar)");
        return ExitCodes.FAILED;
      }
    }
    String before = hostAccounts();
    Path dir = Files.createTempDirectory("workstation-demo-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path up = Files.createDirectories(dir.resolve(".sandbox"));
    try {
      // the demo users' workers run this jar: a world-readable copy, wherever the checkout lives
      Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Files.copy(jar, dir.resolve("workstation-all.jar"), StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(dir.resolve("workstation-all.jar"), PosixFilePermissions.fromString("rw-r--r--"));
      for (String d : List.of("etc-up", "etc-work", "var-up", "var-work")) {
        Files.createDirectory(up.resolve(d));
      }
      String java = ProcessHandle.current().info().command().orElse("java");
      String script = String.join(" && ",
          "mount --make-rprivate /",
          "mount -t overlay overlay -o lowerdir=/etc,upperdir=" + up + "/etc-up,workdir=" + up + "/etc-work /etc",
          "mount -t overlay overlay -o lowerdir=/var,upperdir=" + up + "/var-up,workdir=" + up + "/var-work /var",
          "mount -t tmpfs -o mode=0755 tmpfs /home",
          "mount -t tmpfs -o mode=0755 tmpfs /run",
          "mkdir -p /run/workstation /var/lib/workstation",
          "exec '" + java + "' -XX:TieredStopAtLevel=1 -jar " + dir.resolve("workstation-all.jar") + " demo --inner " + dir);
      Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script)
          .inheritIO().start();
      int code = p.waitFor();
      boolean untouched = before.equals(hostAccounts());
      out().println(untouched ? "host: /etc/passwd, group, shadow, gshadow byte-identical to before the demo."
          : "host: ACCOUNT FILES CHANGED — this is a bug, please report it.");
      return code == 0 && untouched ? ExitCodes.OK : ExitCodes.FAILED;
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
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
