package dev.workstation.cli;

import dev.workstation.host.HostFootprint;
import dev.workstation.host.HostSandbox;
import dev.workstation.host.HostSentinels;
import dev.workstation.host.IsolatedHost;
import dev.workstation.host.SystemdSandbox;
import dev.workstation.util.FileTrees;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's sandbox seen from the host: a real systemd as its PID 1 where one can boot (waiting a
 * while, and saying so, when another systemd sandbox holds the host), else the plain sandbox and
 * the reason; the inner run with host processes standing at the sandbox's uids; and what the host
 * looks like afterwards — those processes, the account files, the canary in {@code /tmp}, the
 * cgroups.
 */
final class DemoHost {
  static final Duration LOCK_WAIT = Duration.ofMinutes(2);

  private final IsolatedHost box;
  private final String withoutSystemd;
  private final String accountsBefore;
  private List<Integer> dead = List.of();
  private String describeSentinels = "";
  private String closeFailure;

  private DemoHost(IsolatedHost box, String withoutSystemd, String accountsBefore) {
    this.box = box;
    this.withoutSystemd = withoutSystemd;
    this.accountsBefore = accountsBefore;
  }

  static DemoHost open(Path jar, PrintWriter out) throws Exception {
    String accounts = DemoCommand.hostAccounts();
    Path dir = Files.createTempDirectory("workstation-demo-");
    SystemdSandbox.Boot boot = SystemdSandbox.boot(dir, jar, Duration.ZERO);
    if (boot instanceof SystemdSandbox.Unavailable u && u.busy()) {
      out.println("waiting up to " + LOCK_WAIT.toMinutes() + " min: " + u.reason());
      out.flush();
      boot = SystemdSandbox.boot(dir, jar, LOCK_WAIT);
    }
    if (boot instanceof SystemdSandbox.Booted b) {
      return new DemoHost(b.box(), null, accounts);
    }
    FileTrees.delete(dir); // a failed boot may have left its overlays' writes: start afresh
    Path plain = Files.createTempDirectory("workstation-demo-");
    String reason = ((SystemdSandbox.Unavailable) boot).reason();
    return new DemoHost(HostSandbox.open(plain, jar), reason, accounts);
  }

  IsolatedHost box() {
    return box;
  }

  /** Why there is no systemd in the sandbox; empty when its PID 1 is systemd. */
  Optional<String> withoutSystemd() {
    return Optional.ofNullable(withoutSystemd);
  }

  /** Runs {@code argv} inside; closes the sandbox and removes its scratch dir afterwards. */
  int run(List<String> argv) throws Exception {
    try (HostSentinels sentinels = HostSentinels.around(box.ids())) {
      describeSentinels = sentinels.describe();
      int code = new ProcessBuilder(box.enter(argv)).inheritIO().start().waitFor();
      try {
        box.close();
      } catch (RuntimeException e) {
        closeFailure = e.getMessage();
      }
      dead = sentinels.dead(); // after the close: powering off must not reach them either
      return code;
    } finally {
      box.close();
      FileTrees.delete(box.dir());
    }
  }

  /** One {@code ok}/{@code FAIL} line per host check. */
  List<String> hostChecks(HostFootprint footprint) throws Exception {
    List<String> out = new ArrayList<>();
    out.add(
        line(
            dead.isEmpty(),
            "host processes running as the sandbox's uids "
                + describeSentinels
                + (dead.isEmpty() ? " all survived" : " were killed: " + dead)
                + " (the sandbox has its own PID namespace)"));
    boolean untouched = accountsBefore.equals(DemoCommand.hostAccounts());
    out.add(
        line(
            untouched,
            "host /etc/passwd, group, shadow, gshadow "
                + (untouched
                    ? "byte-identical to before the demo"
                    : "CHANGED — a bug, please report it")));
    List<String> changes = footprint.changes();
    if (closeFailure != null) {
      changes.add(0, closeFailure);
    }
    out.add(
        line(
            changes.isEmpty(),
            changes.isEmpty()
                ? "host /tmp kept its canary file and no cgroup of the sandbox is left on the host"
                : "the host changed: " + String.join("; ", changes)));
    return out;
  }

  private static String line(boolean ok, String what) {
    return (ok ? "  ok    " : "  FAIL  ") + what;
  }
}
