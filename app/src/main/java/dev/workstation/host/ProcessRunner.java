package dev.workstation.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host command with an exact argv (never a shell), a clean environment and a timeout.
 * Secrets go in through {@code stdin}, never argv: argv is visible to every user in {@code ps}.
 */
public final class ProcessRunner {

  /** What a finished command left behind. */
  public record Result(List<String> argv, int exitCode, String stdout, String stderr) {
    public Result check() {
      if (exitCode != 0) {
        throw new CommandFailedException(argv, exitCode, stderr);
      }
      return this;
    }
  }

  private static final Map<String, String> CLEAN_ENV =
      Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");

  private final Duration timeout;

  public ProcessRunner(Duration timeout) {
    this.timeout = timeout;
  }

  public ProcessRunner() {
    this(Duration.ofMinutes(2));
  }

  public Result run(List<String> argv) {
    return run(argv, null);
  }

  /** Runs {@code argv}, feeding {@code stdin} (may be null); returns even on non-zero exit. */
  public Result run(List<String> argv, byte[] stdin) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(CLEAN_ENV);
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor();
        throw new CommandFailedException(argv, -1, "timed out after " + timeout.toSeconds() + "s");
      }
      return new Result(
          argv,
          p.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CommandFailedException(argv, -1, "cannot start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(argv, -1, "interrupted");
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
