package dev.workstation.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox whose PID 1 is a real systemd (Debian 12's systemd 252 boots there): {@code unshare
 * --pid --fork --mount --mount-proc --uts --ipc}, {@code container=other}, overlays on {@code
 * /etc}, {@code /var} and {@code /usr}, tmpfs on {@code /tmp}, {@code /run}, {@code /home}, {@code
 * /srv} and {@code /root}, its own {@code /dev}, {@code /sys} and {@code /proc/sys} read-only, and
 * the image's own daemons masked (the script is {@code systemd-sandbox.sh} beside this class).
 *
 * <p>The traps, both seen: {@code systemd-tmpfiles} empties {@code /tmp} at boot, so the host's
 * {@code /tmp} is hidden behind a tmpfs (only the scratch dir is put back); and systemd builds its
 * cgroups where it stands, so it stands in {@link CgroupLeaves} of its own inside a cgroup
 * namespace, and they are removed after it powered off. Sandboxes still share the host's network
 * (the per-user units' ports), so one runs at a time ({@link SandboxLock}).
 *
 * <p>Where systemd cannot boot, {@link #boot} says why ({@link Unavailable}) after changing
 * nothing, and never waits without a bound.
 */
public final class SystemdSandbox implements IsolatedHost {
  /** How long systemd may take to reach {@code running}: it took 1–3 s on a 2-core machine. */
  static final Duration BOOT_BOUND = Duration.ofSeconds(90);

  static final Duration POWEROFF_BOUND = Duration.ofSeconds(30);

  private final Path dir;
  private final IdRange ids;
  private final SandboxLock lock;
  private final CgroupLeaves cgroups;
  private final SystemdPid1 pid1;
  private long init = -1;
  private boolean closed;

  /** What {@link #boot} came to: a running systemd, or why there is none. */
  public sealed interface Boot permits Booted, Unavailable {}

  public record Booted(SystemdSandbox box) implements Boot {}

  /**
   * systemd cannot run here; {@code reason} says why, in words for a skip line. {@code busy}: only
   * because another systemd sandbox held the host-wide lock for the whole wait.
   */
  public record Unavailable(String reason, boolean busy) implements Boot {
    Unavailable(String reason) {
      this(reason, false);
    }
  }

  private SystemdSandbox(
      Path dir, IdRange ids, SandboxLock lock, CgroupLeaves cgroups, Process holder, Path log) {
    this.dir = dir;
    this.ids = ids;
    this.lock = lock;
    this.cgroups = cgroups;
    this.pid1 = new SystemdPid1(this, holder, log);
  }

  /** Boots with the host's own systemd and lock (see {@link SystemdSetup#host}). */
  public static Boot boot(Path dir, Path jar, Duration lockWait) {
    return boot(SystemdSetup.host(lockWait), dir, jar);
  }

  /**
   * Boots systemd in {@code dir} (a fresh scratch directory) and waits until it is {@code running};
   * the sandbox's users run {@code jar} (copied there).
   */
  public static Boot boot(SystemdSetup setup, Path dir, Path jar) {
    Optional<String> missing = setup.missing();
    if (missing.isPresent()) {
      return new Unavailable(missing.get());
    }
    SandboxLock lock;
    try {
      lock = SandboxLock.await(setup.lock(), setup.lockWait());
    } catch (SandboxLock.Busy e) {
      return new Unavailable(e.getMessage(), true);
    }
    try {
      return start(setup, dir, jar, lock);
    } catch (IOException | RuntimeException e) {
      lock.close(); // a sandbox made before the failure closed itself (and the lock) already
      return new Unavailable("the systemd sandbox could not be set up: " + e.getMessage());
    }
  }

  /** Prepares the scratch dir and the cgroups, starts PID 1 and waits for systemd to run. */
  private static Boot start(SystemdSetup setup, Path dir, Path jar, SandboxLock lock)
      throws IOException {
    CgroupLeaves.removeStale(); // under the lock, no other sandbox's leaf is live
    IdRange ids = SandboxScratch.prepare(dir, jar, "etc", "var", "usr");
    Path meta = SandboxScratch.meta(dir);
    try (InputStream in = SystemdSandbox.class.getResourceAsStream("systemd-sandbox.sh")) {
      Files.write(meta.resolve("systemd-sandbox.sh"), in.readAllBytes());
    }
    CgroupLeaves cgroups =
        CgroupLeaves.create(
            CgroupLeaves.PREFIX + ProcessHandle.current().pid() + "-" + dir.getFileName());
    Process holder;
    try {
      Files.writeString(meta.resolve("cgroups"), cgroups.table());
      holder = SystemdPid1.launch(setup, dir, meta);
    } catch (IOException | RuntimeException e) {
      cgroups.remove();
      throw e;
    }
    SystemdSandbox box =
        new SystemdSandbox(dir, ids, lock, cgroups, holder, meta.resolve("console.log"));
    String why;
    try {
      why = box.pid1.awaitRunning(setup.bootBound());
    } catch (RuntimeException e) {
      why = "waiting for systemd failed: " + e.getMessage();
    }
    if (why == null) {
      return new Booted(box);
    }
    try {
      box.close();
    } catch (IllegalStateException e) {
      why += "; " + e.getMessage();
    }
    return new Unavailable(why);
  }

  /** Called by {@link SystemdPid1} once PID 1 of the namespace has become systemd. */
  void init(long pid) {
    this.init = pid;
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public IdRange ids() {
    return ids;
  }

  /**
   * The argv that runs {@code argv} inside: its mount, PID, UTS and IPC namespaces, and — moved
   * first into the sandbox's own cgroups — its cgroup namespace, so systemd can place the process
   * (a login session's scope, say) like any of its own.
   */
  @Override
  public List<String> enter(List<String> argv) {
    List<String> full =
        new ArrayList<>(
            List.of(
                "nsenter",
                "--target",
                Long.toString(init),
                "--mount",
                "--pid",
                "--uts",
                "--ipc",
                "--",
                "/bin/sh",
                "-c",
                "for f in /sys/fs/cgroup/*/cgroup.procs /sys/fs/cgroup/cgroup.procs; do"
                    + " [ -e \"$f\" ] && echo 0 > \"$f\"; done;"
                    + " exec nsenter --target 1 --cgroup -- \"$@\"",
                "sh"));
    full.addAll(argv);
    return full;
  }

  /**
   * Powers systemd off (bounded; then the namespace's PID 1 is killed, which ends every process in
   * it), removes its cgroups from the host's hierarchies and releases the lock. Throws when a
   * cgroup could not be removed — something of the sandbox is still running.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Path> left;
    try {
      pid1.powerOff(init, POWEROFF_BOUND);
    } finally {
      left = cgroups.remove();
      lock.close();
    }
    if (!left.isEmpty()) {
      throw new IllegalStateException(
          "the systemd sandbox left cgroups on the host (a process of it is still running): "
              + left);
    }
  }
}
