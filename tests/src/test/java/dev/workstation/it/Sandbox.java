package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workstation.host.HostSandbox;
import dev.workstation.host.IdRange;
import dev.workstation.host.IsolatedHost;
import dev.workstation.host.SystemdSandbox;
import dev.workstation.util.JvmFlags;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An isolated host inside its own PID namespace and a private mount namespace: an overlay over
 * {@code /etc} and {@code /var} (so useradd's passwd/shadow/lastlog writes land in a temp dir), a
 * tmpfs over {@code /home} and {@code /run}. The real {@code useradd}, {@code gpasswd}, {@code
 * passwd}, {@code runuser} and NSS lookups work inside it and the host is untouched — {@link
 * #close()} proves it by comparing the host's account files byte for byte.
 *
 * <p>Why overlays and not bind-mounting single files over {@code /etc/passwd}: the shadow tools
 * write a new file and rename it over the old one, which fails on (or escapes) a bind-mounted file.
 * Why a holder process: the namespace lives as long as one process is in it, so a scenario can run
 * many commands ({@code nsenter --mount --pid}) against the same sandboxed host.
 */
public final class Sandbox implements AutoCloseable {
  static final List<Path> HOST_ACCOUNT_FILES =
      Stream.of("passwd", "group", "shadow", "gshadow", "subuid", "subgid")
          .map(f -> Path.of("/etc", f))
          .toList();

  private final Path dir;
  private final IsolatedHost host;
  private final Map<Path, String> hostHashes;

  /** The output of one command run in the sandbox. */
  public record Result(List<String> argv, int code, String out, String err) {
    public Result ok() {
      assertEquals(
          0,
          code,
          () ->
              "'"
                  + String.join(" ", argv)
                  + "' exited "
                  + code
                  + "\nstdout:\n"
                  + out
                  + "\nstderr:\n"
                  + err);
      return this;
    }

    public String both() {
      return out + err;
    }
  }

  private Sandbox(Path dir, IsolatedHost host, Map<Path, String> hostHashes) {
    this.dir = dir;
    this.host = host;
    this.hostHashes = hostHashes;
  }

  /** Skips the calling test (visibly, with the reason) when the sandbox cannot be built here. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(
        isRoot(),
        "needs root: the sandbox creates real accounts inside a private mount namespace (CI runs as root)");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/unshare"))
            && Files.isExecutable(Path.of("/usr/bin/nsenter")),
        "needs unshare and nsenter (util-linux)");
  }

  static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").start();
      String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      return uid.equals("0");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  public static Sandbox open() throws IOException {
    assumeAvailable();
    Map<Path, String> before = hashes();
    Path dir = Files.createTempDirectory("ws-sandbox-");
    // the product's own sandbox definition (the demo uses it too): own mount + PID namespaces
    return new Sandbox(dir, HostSandbox.open(dir, jar()), before);
  }

  /** How long a test class waits for another systemd sandbox on this host to end. */
  static final java.time.Duration SYSTEMD_LOCK_WAIT = java.time.Duration.ofMinutes(10);

  /**
   * A sandbox whose PID 1 is a real systemd ({@link SystemdSandbox}), for a whole test class (boot
   * it in {@code @BeforeAll}, close it in {@code @AfterAll}). Where systemd cannot boot, the caller
   * is skipped with the reason.
   */
  public static Sandbox systemd() throws IOException {
    assumeAvailable();
    Map<Path, String> before = hashes();
    Path dir = Files.createTempDirectory("ws-systemd-");
    SystemdSandbox.Boot boot = SystemdSandbox.boot(dir, jar(), SYSTEMD_LOCK_WAIT);
    if (boot instanceof SystemdSandbox.Unavailable u) {
      dev.workstation.util.FileTrees.delete(dir);
      Assumptions.abort("systemd cannot boot in the sandbox here: " + u.reason());
    }
    return new Sandbox(dir, ((SystemdSandbox.Booted) boot).box(), before);
  }

  /** {@code systemctl ARGS} inside (against the sandbox's own systemd). */
  public Result systemctl(String... args) {
    List<String> argv = new ArrayList<>(List.of("systemctl", "--no-pager"));
    argv.addAll(List.of(args));
    return exec(argv, null);
  }

  /** The uid/gid range this sandbox hands out (never used by the host). */
  public IdRange ids() {
    return host.ids();
  }

  /** A scratch directory on the host side, visible inside the sandbox at the same path. */
  public Path dir() {
    return dir;
  }

  public Result exec(String... argv) {
    return exec(List.of(argv), null);
  }

  public Result sh(String script) {
    return exec(List.of("/bin/sh", "-c", script), null);
  }

  public Result exec(List<String> argv, byte[] stdin) {
    List<String> full = host.enter(argv);
    try {
      Process p = new ProcessBuilder(full).start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + argv);
      }
      return new Result(
          argv,
          p.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot run " + argv + " in the sandbox: " + e, e);
    }
  }

  /** The argv prefix that runs a command inside the sandbox (for a person profiling by hand). */
  public List<String> enterPrefix() {
    return host.enter(List.of());
  }

  /** Starts a command in the sandbox without waiting (for concurrency scenarios). */
  public Process start(List<String> argv) throws IOException {
    return new ProcessBuilder(host.enter(argv)).start();
  }

  /**
   * Starts a user's session in the sandbox — a command that a cut may stop and kill — under a
   * parent that, like sshd, does not pass a stop on. (nsenter does: when its child stops, it stops
   * itself, outside the sandbox where nothing continues it, and the session would never end.) The
   * parent is a shell without job control, which never sees a child's stop.
   */
  public Process startSession(List<String> argv) throws IOException {
    List<String> shell = new ArrayList<>(List.of("sh", "-c", "\"$@\"; exit $?", "sh"));
    shell.addAll(argv);
    return start(shell);
  }

  /**
   * What a host pid is called inside the sandbox's PID namespace (the last {@code NSpid} field of
   * its {@code /proc/PID/status}): commands run inside see only those.
   */
  public long nsPid(long hostPid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(hostPid), "status"))) {
        if (line.startsWith("NSpid:")) {
          String[] ids = line.substring(6).strip().split("\\s+");
          return Long.parseLong(ids[ids.length - 1]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("process " + hostPid + " is gone: " + e, e);
    }
    throw new IllegalStateException("/proc/" + hostPid + "/status has no NSpid line");
  }

  /** {@code workstation ARGS} inside the sandbox, from the built jar. */
  public Result workstation(String... args) {
    return exec(workstationArgv(args), null);
  }

  /** {@code workstation --config=CONFIG ARGS} inside the sandbox. */
  public Result ws(String config, String... args) {
    List<String> all = new ArrayList<>(List.of("--config=" + config));
    all.addAll(List.of(args));
    return workstation(all.toArray(String[]::new));
  }

  /**
   * Closes each of {@code resources} that was opened (null skipped), in order; the first failure
   * wins.
   */
  public static void closeAll(AutoCloseable... resources) throws Exception {
    Exception first = null;
    for (AutoCloseable r : resources) {
      try {
        if (r != null) {
          r.close();
        }
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** {@code workstation ARGS} with extra environment variables (e.g. fault injection). */
  public Result workstationWithEnv(Map<String, String> env, String... args) {
    List<String> argv = new ArrayList<>(List.of("env"));
    env.forEach((k, v) -> argv.add(k + "=" + v));
    argv.addAll(workstationArgv(args));
    return exec(argv, null);
  }

  /** {@code workstation ARGS} inside the sandbox, started with test ports ({@link TestPorts}). */
  public Result workstationWith(TestPorts ports, String... args) {
    return exec(ports.argv(dir.resolve("workstation-all.jar"), dir, args), null);
  }

  /** Runs a shell command as {@code user} (runuser, login-like environment) inside the sandbox. */
  public Result asUser(String user, String script) {
    return exec(List.of("runuser", "-l", user, "-c", script), null);
  }

  /**
   * What the Vault step writes for {@code user}: their own token for the local server at {@code
   * port}, as git-credential-store stores it ({@code scheme} http or https), 0600 from the start.
   */
  public void gitCredentials(String user, String scheme, int port, String token) {
    asUser(
            user,
            "umask 077; printf '"
                + scheme
                + "://"
                + user
                + ":"
                + token
                + "@127.0.0.1%%3a"
                + port
                + "\\n' > ~/.git-credentials")
        .ok();
  }

  private Path cdsArchive;

  /**
   * Runs every workstation command (and, through {@code WORKSTATION_CDS_ARCHIVE}, every worker)
   * from a class-data-sharing archive made the way the package's postinst makes it — so the
   * benchmark measures the installed launcher, not a cold jar.
   */
  public void useCdsArchive() throws IOException, InterruptedException {
    Path jsa = dir.resolve("workstation.jsa");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable",
                "-XX:ArchiveClassesAtExit=" + jsa,
                "-jar",
                dir.resolve("workstation-all.jar").toString(),
                "warm-up")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    p.waitFor();
    Files.setPosixFilePermissions(
        jsa, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    cdsArchive = jsa;
  }

  public List<String> workstationArgv(String... args) {
    List<String> argv = new ArrayList<>();
    if (cdsArchive != null) {
      argv.addAll(List.of("env", "WORKSTATION_CDS_ARCHIVE=" + cdsArchive));
    }
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(JvmFlags.all()); // as the launchers start it
    if (cdsArchive != null) {
      argv.addAll(List.of("-Xlog:disable", "-XX:SharedArchiveFile=" + cdsArchive));
    }
    argv.addAll(List.of("-jar", dir.resolve("workstation-all.jar").toString()));
    argv.addAll(List.of(args));
    return argv;
  }

  public static Path jar() {
    Path jar =
        Path.of(System.getProperty("workstation.jar", "../app/target/workstation-all.jar"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the app first: " + jar + " is missing (mvn package)");
    }
    return jar;
  }

  /** Writes a file inside the sandbox (e.g. under the overlaid /etc) with the given mode. */
  public void write(String path, String content, String mode) {
    exec(
            List.of(
                "/bin/sh",
                "-c",
                "mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\" && chmod " + mode + " \"$1\"",
                "sh",
                path),
            content.getBytes(StandardCharsets.UTF_8))
        .ok();
  }

  /**
   * A fingerprint of everything under the given paths: type, mode, owner, size, mtime, content
   * hash.
   */
  public String fingerprint(String... paths) {
    StringBuilder script = new StringBuilder("find");
    for (String p : paths) {
      script.append(' ').append(p);
    }
    script.append(" -xdev -printf '%p %y %m %U %G %s %T@\\n' 2>/dev/null | sort;" + " find");
    for (String p : paths) {
      script.append(' ').append(p);
    }
    script.append(" -xdev -type f -exec sha256sum {} + 2>/dev/null | sort");
    return sh(script.toString()).out();
  }

  private boolean closed;

  /** Ends the sandbox (a second call does nothing) and proves the host's account files intact. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    host.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertEquals(hostHashes, hashes(), "the host's account files changed: the sandbox leaked");
  }

  static Map<Path, String> hashes() throws IOException {
    Map<Path, String> out = new LinkedHashMap<>();
    for (Path f : HOST_ACCOUNT_FILES) {
      if (Files.exists(f)) {
        try {
          out.put(
              f,
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
