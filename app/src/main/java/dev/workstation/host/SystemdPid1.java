package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The systemd sandbox's PID 1 seen from the host: waiting, within a bound, until the init script
 * has become systemd and systemd reports {@code running}; and powering it off again, killing the
 * namespace's PID 1 (which ends every process in it) when it does not go within its bound.
 */
final class SystemdPid1 {
  private static final ProcessRunner RUN = new ProcessRunner(Duration.ofSeconds(15));

  private final SystemdSandbox box;
  private final Process holder;
  private final Path console;

  SystemdPid1(SystemdSandbox box, Process holder, Path console) {
    this.box = box;
    this.holder = holder;
    this.console = console;
  }

  /**
   * PID 1 of new PID, mount, UTS and IPC namespaces (the init script, which becomes systemd);
   * {@code --kill-child}: if unshare dies, so does the namespace. Its output goes to {@code
   * console.log}.
   */
  static Process launch(SystemdSetup setup, Path dir, Path meta) throws IOException {
    return new ProcessBuilder(
            "unshare",
            "--pid",
            "--fork",
            "--kill-child",
            "--mount-proc",
            "--mount",
            "--uts",
            "--ipc",
            "--propagation",
            "private",
            "--",
            "/bin/sh",
            meta.resolve("systemd-sandbox.sh").toString(),
            "enter",
            dir.toString(),
            setup.systemd().toString())
        .redirectErrorStream(true)
        .redirectOutput(meta.resolve("console.log").toFile())
        .start();
  }

  /** Null once systemd runs; otherwise why it does not (for a skip line). */
  String awaitRunning(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    Optional<Long> pid = Optional.empty();
    while (pid.isEmpty()) {
      if (!holder.isAlive()) {
        return "the sandbox's init script failed before systemd started: " + tail();
      }
      pid =
          holder.toHandle().children().map(ProcessHandle::pid).filter(p -> isSystemd(p)).findAny();
      if (pid.isEmpty() && !pause(deadline, 50)) {
        return "the sandbox's init script did not start systemd within "
            + bound.toSeconds()
            + " s: "
            + tail();
      }
    }
    box.init(pid.get());
    String state = "";
    while (true) {
      state = systemctl("is-system-running").stdout().strip();
      if (state.equals("running")) {
        return null;
      }
      if (state.equals("degraded")) {
        return "systemd booted, degraded: "
            + systemctl("list-units", "--failed", "--plain", "--no-legend", "--no-pager")
                .stdout()
                .strip()
                .replace('\n', ';');
      }
      if (!holder.isAlive()) {
        return "systemd exited while booting: " + tail();
      }
      if (!pause(deadline, 250)) {
        return "systemd did not reach running within "
            + bound.toSeconds()
            + " s (state: "
            + (state.isEmpty() ? "no answer" : state)
            + "; jobs: "
            + systemctl("list-jobs", "--plain", "--no-legend", "--no-pager").stdout().strip()
            + ")";
      }
    }
  }

  /** Powers off; past {@code bound}, kills the namespace's PID 1. Waits until it is gone. */
  void powerOff(long init, Duration bound) {
    if (init > 0 && holder.isAlive()) {
      systemctl("poweroff", "--no-block");
    }
    try {
      if (!holder.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        // the kernel ends every process of a PID namespace whose PID 1 dies
        ProcessHandle.of(init).ifPresent(ProcessHandle::destroyForcibly);
        holder.destroyForcibly();
        holder.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessHandle.of(init).ifPresent(ProcessHandle::destroyForcibly);
      holder.destroyForcibly();
    }
  }

  private ProcessRunner.Result systemctl(String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("systemctl"));
    argv.addAll(List.of(args));
    try {
      return RUN.run(box.enter(argv));
    } catch (CommandFailedException e) {
      return new ProcessRunner.Result(argv, -1, "", e.getMessage());
    }
  }

  private static boolean isSystemd(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm"))
          .strip()
          .equals("systemd");
    } catch (IOException e) {
      return false;
    }
  }

  /** Sleeps {@code ms}; false when the deadline has passed. */
  private static boolean pause(long deadline, long ms) {
    if (System.nanoTime() - deadline >= 0) {
      return false;
    }
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last lines the init script and systemd wrote. */
  private String tail() {
    try {
      List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
      String t = String.join("; ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
      return t.isBlank() ? "(no output)" : dev.workstation.util.Inert.text(t);
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
