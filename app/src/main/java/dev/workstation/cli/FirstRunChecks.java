package dev.workstation.cli;

import dev.workstation.cli.DoctorCommand.Check;
import dev.workstation.host.FileInfo;
import dev.workstation.host.ProcessRunner;
import dev.workstation.input.Problem;
import dev.workstation.site.Placeholders;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code doctor} checks on a host the package was just installed on, in the order an admin
 * fills things in: the example's placeholders, the Vault token, the timer. Each failing check names
 * the one thing to do next.
 */
final class FirstRunChecks {
  static final String TIMER = "workstation-reconcile.timer";

  private FirstRunChecks() {}

  /** One failing check per key that still holds the shipped example's value. */
  static List<Check> placeholders(Path config) {
    List<Check> out = new ArrayList<>();
    for (Problem p : Placeholders.find(config)) {
      out.add(
          new Check(
              "fill in " + p.path(),
              "fail",
              p.message(),
              "edit " + config + (p.line() > 0 ? " line " + p.line() : "")));
    }
    return out;
  }

  /** The Vault token file: present, and readable by root only (it is a credential). */
  static List<Check> vaultToken(SiteConfig s) {
    Optional<Path> file = s.vault().flatMap(SiteConfig.Vault::tokenFile);
    if (file.isEmpty()) {
      return List.of();
    }
    Path f = file.get();
    String write = "install -m 0600 /dev/stdin " + f + " (paste the token, then Ctrl-D)";
    Optional<FileInfo> info;
    try {
      info = FileInfo.lstat(f);
    } catch (java.io.UncheckedIOException e) {
      return List.of(new Check("vault token", "fail", f + ": " + e.getMessage(), write));
    }
    if (info.isEmpty()) {
      return List.of(new Check("vault token", "fail", f + " does not exist", write));
    }
    if (info.get().type() != FileInfo.Type.FILE) {
      return List.of(new Check("vault token", "fail", f + " is not a regular file", write));
    }
    if ((info.get().mode() & 0077) != 0) {
      return List.of(
          new Check(
              "vault token",
              "fail",
              f + " is readable by others (mode " + Integer.toOctalString(info.get().mode()) + ")",
              "chmod 0600 " + f));
    }
    return List.of(new Check("vault token", "ok", f + " (0600)", ""));
  }

  /** The hourly timer: enabled (the package enables it; an admin may have turned it off). */
  static List<Check> timer() {
    if (DoctorCommand.onPath("systemctl").isEmpty()) {
      return List.of();
    }
    String state;
    try {
      state = new ProcessRunner().run(List.of("systemctl", "is-enabled", TIMER)).stdout().strip();
    } catch (RuntimeException e) {
      state = "unknown";
    }
    if (state.equals("enabled")) {
      return List.of(new Check("timer", "ok", TIMER + " enabled", ""));
    }
    return List.of(
        new Check(
            "timer",
            "warn",
            TIMER + " is " + (state.isEmpty() ? "not installed" : state),
            "systemctl enable --now " + TIMER + " (once plan shows what you expect)"));
  }

  /** The line after the checks: what to do next, for a person reading it top to bottom. */
  static String next(List<Check> checks) {
    if (checks.stream().anyMatch(c -> c.status().equals("fail"))) {
      return "next: fix the FAIL lines from the top, then run workstation doctor again.";
    }
    return "next: workstation plan shows what the first reconcile would do; then sudo workstation"
        + " reconcile, or let the timer run it.";
  }
}
