package dev.workstation.asuser;

import dev.workstation.util.Checkpoints;
import dev.workstation.worker.WorkerCodec;
import dev.workstation.worker.WorkerRequest;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point of a worker: a process already running as the user (uid, gid, groups, clean
 * environment — dropped by {@code setpriv} before this JVM started). Reads one request on stdin,
 * writes one response on stdout ({@link WorkerCodec}). Never prints a secret: responses carry
 * outcomes and redacted URLs only.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    serve(Checkpoints.NONE);
  }

  /**
   * Answers the one request on stdin; {@code steps} hears each step of a layout move (crash tests
   * start a worker whose main passes one that halts).
   */
  public static void serve(Checkpoints steps) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String response;
    try {
      byte[] input = System.in.readNBytes(WorkerCodec.MAX_REQUEST + 1);
      WorkerRequest<?> req = WorkerCodec.decodeRequest(new String(input, StandardCharsets.UTF_8));
      Path home = Path.of(System.getProperty("user.home"));
      response = WorkerCodec.encodeReply(WorkerOps.run(home, req, steps));
    } catch (Exception e) {
      response =
          WorkerCodec.encodeError(
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    out.print(response);
    out.flush();
    System.exit(0); // freshen threads stuck on a silent remote must not keep us alive
  }
}
