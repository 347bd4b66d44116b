package dev.workstation.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The disposable host that {@code workstation demo} and the tests run in, held open by a process
 * and entered with {@code nsenter} for each command:
 *
 * <ul>
 *   <li>its own <b>PID namespace</b> ({@code unshare --pid --fork --mount-proc}): "every process of
 *       a user" seen from inside can only be a sandbox process, so ending a sandbox user's sessions
 *       can never signal a host process that happens to share the uid;
 *   <li>a private <b>mount namespace</b> with overlays on {@code /etc} and {@code /var} (so
 *       useradd's passwd/shadow and lastlog writes land in a scratch dir) and tmpfs on {@code
 *       /home} and {@code /run} (which also hides the host's systemd and nscd sockets);
 *   <li>a <b>uid/gid range</b> the host does not use ({@link SandboxIds}), written as {@code
 *       UID_MIN}/{@code UID_MAX} into the sandbox's {@code /etc/login.defs}, which the product's
 *       uid choice and useradd both honour.
 * </ul>
 *
 * <p>Why overlays, not bind mounts of single files: the shadow tools write a new file and rename it
 * over the old one, which a bind-mounted file does not survive. Why PID 1 ignores SIGCHLD: the
 * kernel then reaps every orphan at once (an init that never waits would keep them as zombies), so
 * a killed user's processes vanish instead of lingering as zombies that {@code userdel} and the
 * cut's survivor check would still count.
 */
public final class HostSandbox implements IsolatedHost {
  private final Path dir;
  private final Process holder;
  private final long init;
  private final IdRange ids;

  private HostSandbox(Path dir, Process holder, long init, IdRange ids) {
    this.dir = dir;
    this.holder = holder;
    this.init = init;
    this.ids = ids;
  }

  /**
   * Builds a sandbox in {@code dir} (made world-readable, with a world-readable copy of {@code
   * jar}: the sandbox's users run it as workers wherever the checkout lives) and waits until it is
   * ready.
   */
  public static HostSandbox open(Path dir, Path jar) throws IOException {
    IdRange ids = SandboxScratch.prepare(dir, jar, "etc", "var");
    Path up = SandboxScratch.meta(dir);
    Path defs = up.resolve("login.defs");
    String script =
        String.join(
            " && ",
            "mount --make-rprivate /",
            overlay(up, "etc"),
            overlay(up, "var"),
            "cp " + defs + " /etc/login.defs",
            "mount -t tmpfs -o mode=0755 tmpfs /home",
            "mount -t tmpfs -o mode=0755 tmpfs /run",
            "mkdir -p /run/workstation /var/lib/workstation",
            // PID 1 of the namespace: perl (Essential in Debian), because a shell's `trap '' CHLD`
            // does not survive its exec; with SIGCHLD ignored the kernel reaps every orphan
            "exec perl -e '$| = 1; $SIG{CHLD} = \"IGNORE\"; print \"READY\\n\"; sleep 3600 while 1'");
    Process holder =
        new ProcessBuilder(
                "unshare",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--mount",
                "--propagation",
                "private",
                "--",
                "/bin/sh",
                "-c",
                script)
            .redirectErrorStream(true)
            .start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    if (!"READY".equals(line)) {
      holder.destroyForcibly();
      throw new IOException("sandbox setup failed: " + line);
    }
    long init =
        holder
            .toHandle()
            .children()
            .findFirst()
            .orElseThrow(() -> new IOException("sandbox setup failed: its PID 1 is gone"))
            .pid();
    return new HostSandbox(dir, holder, init, ids);
  }

  private static String overlay(Path up, String name) {
    return "mount -t overlay overlay -o lowerdir=/"
        + name
        + ",upperdir="
        + up
        + "/"
        + name
        + "-up,workdir="
        + up
        + "/"
        + name
        + "-work /"
        + name;
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public IdRange ids() {
    return ids;
  }

  /** The argv that runs {@code argv} inside the sandbox (its mount and PID namespaces). */
  @Override
  public List<String> enter(List<String> argv) {
    List<String> full =
        new ArrayList<>(
            List.of("nsenter", "--target", Long.toString(init), "--mount", "--pid", "--"));
    full.addAll(argv);
    return full;
  }

  /** Ends every process in the sandbox (the kernel kills the namespace with its PID 1). */
  @Override
  public void close() {
    holder.destroyForcibly();
    ProcessHandle.of(init).ifPresent(ProcessHandle::destroyForcibly);
    try {
      holder.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
