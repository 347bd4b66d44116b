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

  /** A command that wrote more to stdout than its caller reads: it was killed. */
  public static final class OutputTooLarge extends CommandFailedException {
    public OutputTooLarge(List<String> argv, int max) {
      super(argv, -1, "wrote more than " + max + " bytes to stdout and was killed");
    }
  }

  private final Duration timeout;
  private final int maxStdout;
  private final int maxStderr;
  private final boolean group;

  public ProcessRunner(Duration timeout) {
    this(timeout, Integer.MAX_VALUE, Integer.MAX_VALUE, false);
  }

  private ProcessRunner(Duration timeout, int maxStdout, int maxStderr, boolean group) {
    this.timeout = timeout;
    this.maxStdout = maxStdout;
    this.maxStderr = maxStderr;
    this.group = group;
  }

  /**
   * This runner, keeping at most {@code maxStdout} bytes of stdout (a command that writes more is
   * killed: {@link OutputTooLarge}) and the first {@code maxStderr} bytes of stderr (the rest is
   * read and dropped). For commands whose output a user controls: a flood must not grow our heap.
   */
  public ProcessRunner bounded(int maxStdout, int maxStderr) {
    return new ProcessRunner(timeout, maxStdout, maxStderr, group);
  }

  /**
   * This runner, starting each command in a session and process group of its own (util-linux {@code
   * setsid}) and killing that whole group when the command overruns or floods: a shell's children
   * go with it (killing the shell alone would leave a git blocked on a FIFO running past its
   * bound), whichever user they run as (root's {@code CAP_KILL}).
   */
  public ProcessRunner asGroup() {
    return new ProcessRunner(timeout, maxStdout, maxStderr, true);
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
    return run(argv, stdin, null, timeout);
  }

  /**
   * Runs {@code argv} with {@code stdinFile} opened here (by the caller's privileges) as its
   * standard input: a child can read a file it could not open by name.
   */
  public Result runFrom(java.nio.file.Path stdinFile, List<String> argv, Duration timeout) {
    return run(argv, null, stdinFile, timeout);
  }

  private Result run(
      List<String> command, byte[] stdin, java.nio.file.Path stdinFile, Duration timeout) {
    List<String> argv = group ? withSetsid(command) : command;
    ProcessBuilder pb = new ProcessBuilder(argv).directory(new java.io.File("/"));
    pb.environment().clear();
    pb.environment().putAll(CLEAN_ENV);
    if (stdinFile != null) {
      pb.redirectInput(stdinFile.toFile());
    }
    try {
      Process p = pb.start();
      java.util.concurrent.atomic.AtomicBoolean flooded =
          new java.util.concurrent.atomic.AtomicBoolean();
      CompletableFuture<byte[]> out =
          drain(
              p.getInputStream(),
              maxStdout,
              () -> {
                flooded.set(true);
                kill(p);
              });
      CompletableFuture<byte[]> err = drain(p.getErrorStream(), maxStderr, null);
      if (stdinFile == null) {
        feed(p.getOutputStream(), stdin); // a child that never reads must not block us either
      }
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (flooded.get()) {
        kill(p);
        throw new OutputTooLarge(argv, maxStdout);
      }
      if (!exited) {
        kill(p);
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

  private static List<String> withSetsid(List<String> argv) {
    List<String> all = new java.util.ArrayList<>(argv.size() + 1);
    all.add("setsid"); // a child of ours leads no group, so setsid execs in place: its pid leads
    all.addAll(argv);
    return all;
  }

  /** Ends {@code p}, and with {@link #asGroup} every process left in its group. */
  private void kill(Process p) {
    if (group) {
      try {
        Libc.C.kill(-(int) p.pid(), 9);
      } catch (RuntimeException e) {
        // the group is gone already (ESRCH), or libc is not at hand: the process itself still is
      }
    }
    p.destroyForcibly();
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

  /**
   * Reads {@code in} to its end, keeping at most {@code max} bytes. Past that, {@code overflow}
   * (when given) is told and reading stops; without one the rest is read and dropped, so the child
   * never blocks on a full pipe.
   */
  private static CompletableFuture<byte[]> drain(InputStream in, int max, Runnable overflow) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    background(
        () -> {
          try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
              int keep = (int) Math.min(n, (long) max - buf.size());
              if (keep < n && overflow != null) {
                overflow.run();
                break;
              }
              buf.write(chunk, 0, Math.max(0, keep));
            }
            done.complete(buf.toByteArray());
          } catch (IOException e) {
            done.completeExceptionally(new UncheckedIOException(e));
          }
        },
        "drain");
    return done;
  }
}
