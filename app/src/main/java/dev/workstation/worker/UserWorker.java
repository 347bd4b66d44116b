package dev.workstation.worker;

import dev.workstation.host.CommandFailedException;
import dev.workstation.host.ProcessRunner;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Root's handle on work inside one user's home: each call starts a worker JVM as the user, so
 * clones are the user's, the user's git config and credentials are the ones used, and root never
 * follows a symlink the user planted. The worker holds nothing of root's (SPEC §8.2):
 *
 * <ul>
 *   <li>uid, gid and the user's own supplementary groups; no capabilities (inheritable, ambient and
 *       bounding sets emptied) and no-new-privileges, so no setuid binary lifts it back;
 *   <li>a clean environment, umask 077, and the user's home as its working directory — entered
 *       after the drop, as the user ({@code cd} in a tiny {@code sh}), so root never resolves a
 *       path inside the home and {@code /proc/<worker>/cwd} shows nothing but the user's own home;
 *   <li>no descriptors beyond 0–2 (Java closes the rest in every child it starts).
 * </ul>
 */
public final class UserWorker {
  /** Runs in the worker after the privilege drop: umask, then the home, then the JVM. */
  static final String ENTER = "umask 077 && cd -- \"$1\" && shift && exec \"$@\"";

  private final String user;
  private final int uid;
  private final int gid;
  private final String home;
  private final Duration timeout;
  private final List<String> argv;

  private final List<String> jvm;

  /** A worker started as the product's own: this JVM, this jar, {@code asuser.WorkerMain}. */
  public UserWorker(String user, int uid, int gid, String home, Duration timeout) {
    this(user, uid, gid, home, timeout, javaCommand());
  }

  /** A worker started with {@code jvm}: the command run as the user after the confinement. */
  public UserWorker(
      String user, int uid, int gid, String home, Duration timeout, List<String> jvm) {
    this.user = user;
    this.uid = uid;
    this.gid = gid;
    this.home = home;
    this.timeout = timeout;
    this.argv = null;
    this.jvm = List.copyOf(jvm);
  }

  /**
   * A "worker" that is {@code argv} as it stands, for tests of how root reads what a worker (which
   * its user may have taken over) answers.
   */
  UserWorker(String user, Duration timeout, List<String> argv) {
    this.user = user;
    this.uid = -1;
    this.gid = -1;
    this.home = "/";
    this.timeout = timeout;
    this.argv = List.copyOf(argv);
    this.jvm = List.of();
  }

  /** Thrown when the worker reports a failure; the message is the worker's (no secrets). */
  public static class WorkerException extends IOException {
    public WorkerException(String message) {
      super(message);
    }
  }

  /** The worker ran out of the user's time and was killed: a failure, never "try again later". */
  public static final class TimedOut extends WorkerException {
    public TimedOut(String message) {
      super(message);
    }
  }

  public <R extends WorkerReply> R call(WorkerRequest<R> request) throws IOException {
    return call(request, timeout);
  }

  /** The most of a worker's stderr root keeps for an error message. */
  static final int MAX_STDERR = 64 << 10;

  /**
   * Runs {@code request} within {@code bound} (a user's remaining budget). The reply is read as the
   * user's words, not ours: the user can take over their own worker, so a reply that is too large,
   * not JSON, or not the reply this op has fails this user's call with a {@link WorkerException}
   * that names the op and the field — and nothing else.
   */
  public <R extends WorkerReply> R call(WorkerRequest<R> request, Duration bound)
      throws IOException {
    String op = WorkerCodec.op(request);
    if (bound.isZero() || bound.isNegative()) {
      throw new TimedOut("not started for " + user + ": no time left (limits.user_timeout)");
    }
    ProcessRunner.Result r;
    try {
      r =
          new ProcessRunner(bound)
              .bounded(WorkerCodec.MAX_REPLY, MAX_STDERR)
              .run(argv(), WorkerCodec.encode(request).getBytes(StandardCharsets.UTF_8), bound);
    } catch (ProcessRunner.OutputTooLarge e) {
      throw new WorkerException(
          "worker for "
              + user
              + " answered "
              + op
              + " with more than "
              + WorkerCodec.MAX_REPLY
              + " bytes and was killed");
    } catch (CommandFailedException e) { // timed out or could not start; argv says nothing new
      if (e.exitCode() == -1 && e.getMessage().contains("timed out")) {
        throw new TimedOut(
            "worker for "
                + user
                + " timed out after "
                + seconds(bound)
                + "s (limits.user_timeout) and was killed");
      }
      throw new WorkerException("worker for " + user + " failed: " + e.getMessage());
    }
    if (r.exitCode() != 0 && r.stdout().isBlank()) {
      throw new WorkerException(
          "worker for " + user + " exited " + r.exitCode() + ": " + r.stderr().strip());
    }
    WorkerCodec.Answer<R> answer;
    try {
      answer = WorkerCodec.decodeReply(request, r.stdout());
    } catch (WorkerProtocolException e) {
      throw new WorkerException(
          "worker for "
              + user
              + " answered something that is not its "
              + op
              + " reply (exit "
              + r.exitCode()
              + "): "
              + e.getMessage());
    }
    if (answer.reply().isEmpty()) {
      throw new WorkerException(answer.error());
    }
    return answer.reply().get();
  }

  private static String seconds(Duration d) {
    return Long.toString(Math.max(1, (d.toMillis() + 500) / 1000));
  }

  /** setpriv's drop, then {@link #ENTER} as the user, then the worker JVM. */
  List<String> argv() {
    if (this.argv != null) {
      return this.argv;
    }
    List<String> argv = new ArrayList<>(confined(uid, gid, home));
    argv.addAll(jvm);
    return argv;
  }

  /**
   * The confinement every process run as a user starts with (the worker JVM, and the user's git in
   * a mirrored freshen): setpriv's drop, then {@link #ENTER}; the command to run follows.
   */
  public static List<String> confined(int uid, int gid, String home) {
    return List.of(
        "setpriv",
        "--reuid=" + uid,
        "--regid=" + gid,
        "--init-groups",
        "--inh-caps=-all",
        "--ambient-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
        "--reset-env",
        "--",
        "/bin/sh",
        "-c",
        ENTER,
        "workstation-worker",
        home);
  }

  /**
   * The class-data-sharing archive workers start from, when one is installed: a worker is a short
   * JVM whose cost is mostly loading JGit's classes, and a mapped archive makes that cheap. The
   * package's postinst makes it with this machine's JVM; a stale or foreign archive is simply
   * ignored by {@code -Xshare:auto}.
   */
  static final Path CDS_ARCHIVE =
      Path.of(
          System.getenv()
              .getOrDefault("WORKSTATION_CDS_ARCHIVE", "/var/cache/workstation/workstation.jsa"));

  /**
   * The worker's entry point: the user side's main ({@code asuser.WorkerMain}), named here, not
   * imported — root's side never calls into the user's.
   */
  static final String WORKER_MAIN = "dev.workstation.asuser.WorkerMain";

  /** The JVM and jar we are running from, started as the worker. */
  public static List<String> javaCommand() {
    return javaCommand(jar(), WORKER_MAIN, List.of());
  }

  /** The jar this class was loaded from: what a worker runs. */
  public static String jar() {
    try {
      return Path.of(UserWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * This JVM, hardened as a worker's, running {@code main} with {@code args} from {@code
   * classpath}.
   */
  public static List<String> javaCommand(String classpath, String main, List<String> args) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // -Xlog:disable: the JVM's own warnings (e.g. an unusable archive) must never reach stdout,
    // the JSON channel
    List<String> argv = new ArrayList<>(List.of(java, "-Xlog:disable"));
    argv.addAll(dev.workstation.util.JvmFlags.all());
    // the user may not take over their own worker through the JDK's attach mechanism (same
    // uid) and answer root with anything (security.md)
    argv.add("-XX:+DisableAttachMechanism");
    if (Files.isReadable(CDS_ARCHIVE)) {
      argv.add("-XX:SharedArchiveFile=" + CDS_ARCHIVE);
    }
    argv.addAll(List.of("-cp", classpath, main));
    argv.addAll(args);
    return argv;
  }
}
