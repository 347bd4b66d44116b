package dev.workstation.worker;

import dev.workstation.host.ProcessRunner;
import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Root's handle on work inside one user's home: each call starts a worker JVM with the user's uid,
 * gid and supplementary groups and a clean environment ({@code setpriv --reuid --regid
 * --init-groups --reset-env}), so clones are the user's, the user's git config and credentials are
 * the ones used, and root never follows a symlink the user planted.
 */
public final class UserWorker {
  private final String user;
  private final int uid;
  private final int gid;
  private final Duration timeout;

  public UserWorker(String user, int uid, int gid, Duration timeout) {
    this.user = user;
    this.uid = uid;
    this.gid = gid;
    this.timeout = timeout;
  }

  /** Thrown when the worker reports a failure; the message is the worker's (no secrets). */
  public static final class WorkerException extends IOException {
    public WorkerException(String message) {
      super(message);
    }
  }

  public Object call(Map<String, Object> request) throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + uid,
                "--regid=" + gid,
                "--init-groups",
                "--reset-env",
                "--"));
    argv.addAll(javaCommand());
    ProcessRunner.Result r =
        new ProcessRunner(timeout).run(argv, Json.write(request).getBytes(StandardCharsets.UTF_8));
    if (r.exitCode() != 0 && r.stdout().isBlank()) {
      throw new WorkerException(
          "worker for " + user + " exited " + r.exitCode() + ": " + r.stderr().strip());
    }
    Map<String, Object> response;
    try {
      response = WorkerMain.object(StrictJson.parse(r.stdout()));
    } catch (IllegalArgumentException e) {
      throw new WorkerException(
          "worker for "
              + user
              + " answered something that is not its JSON response (exit "
              + r.exitCode()
              + "): "
              + e.getMessage());
    }
    if (!Boolean.TRUE.equals(response.get("ok"))) {
      throw new WorkerException(String.valueOf(response.get("error")));
    }
    return response.get("result");
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

  /** The JVM and jar we are running from, started as the worker. */
  static List<String> javaCommand() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try {
      String jar =
          Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      // -Xlog:disable: the JVM's own warnings (e.g. an unusable archive) must never reach stdout,
      // the JSON channel
      List<String> argv =
          new ArrayList<>(
              List.of(
                  java,
                  "-Xlog:disable",
                  "-Xshare:auto",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:CICompilerCount=1",
                  "-XX:+UseSerialGC",
                  "-XX:-UsePerfData"));
      if (Files.isReadable(CDS_ARCHIVE)) {
        argv.add("-XX:SharedArchiveFile=" + CDS_ARCHIVE);
      }
      argv.addAll(List.of("-cp", jar, WorkerMain.class.getName()));
      return argv;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
