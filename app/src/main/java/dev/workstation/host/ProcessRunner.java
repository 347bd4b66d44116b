package dev.workstation.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host command with an exact argv (never a shell), a clean environment, {@code /} as its
 * working directory and a timeout. Secrets go in through {@code stdin}, never argv: argv is visible
 * to every user in {@code ps}.
 *
 * <p>Why cwd {@code /}: a child inherits the caller's directory, and {@code /proc/<pid>/cwd} of a
 * process a user can see (their own worker) would hand them whatever directory root was run from —
 * an admin's 0700 home, say. Why a thread per stream: the common pool has one thread on a 2-core
 * box, and a pipe nobody drains stalls the child once it holds 64 KiB.
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
    return run(argv, stdin, timeout);
  }

  /** Like {@link #run(List, byte[])}, with its own time bound (e.g. a user's remaining budget). */
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(new java.io.File("/"));
    pb.environment().clear();
    pb.environment().putAll(CLEAN_ENV);
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      feed(p.getOutputStream(), stdin); // a child that never reads must not block us either
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor();
        throw new CommandFailedException(
            argv, -1, "timed out after " + Math.max(1, timeout.toMillis() / 1000) + "s");
      }
      return new Result(argv, p.exitValue(), collected(out), collected(err));
    } catch (IOException e) {
      throw new CommandFailedException(argv, -1, "cannot start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(argv, -1, "interrupted");
    }
  }

  /** What a stream held, waiting briefly: a grandchild may keep the pipe open after the exit. */
  private static String collected(CompletableFuture<byte[]> stream) throws InterruptedException {
    try {
      return new String(stream.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return "";
    }
  }

  private static void feed(OutputStream to, byte[] stdin) {
    background(
        () -> {
          try (to) {
            if (stdin != null) {
              to.write(stdin);
            }
          } catch (IOException e) {
            // the child exited or closed its stdin: its exit code says what happened
          }
        },
        "feed");
  }

  private static void background(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    background(
        () -> {
          try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            done.complete(buf.toByteArray());
          } catch (IOException e) {
            done.completeExceptionally(new UncheckedIOException(e));
          }
        },
        "drain");
    return done;
  }
}
