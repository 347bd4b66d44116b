package dev.workstation.bench;

import dev.workstation.it.Sandbox;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One timed command in the sandbox: wall time, and the CPU seconds (user + system) of every process
 * it started and waited for — bash's {@code times} for its children, which the kernel accumulates
 * over the whole tree of waited-for descendants (workers, git, runuser …). Servers (nginx,
 * fcgiwrap, git http-backend) are not descendants, so this is client CPU only.
 */
record Timed(double wall, double cpu) {
  private static final Pattern TIMES =
      Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*$", Pattern.MULTILINE);

  /** Runs {@code script} with {@code /bin/bash -c} in {@code box}; fails unless it exits 0. */
  static Timed run(Sandbox box, String script) {
    long t = System.nanoTime();
    Sandbox.Result r = box.exec(List.of("/bin/bash", "-c", script + "\ntimes >&2"), null).ok();
    double wall = (System.nanoTime() - t) / 1e9;
    return new Timed(wall, childrenCpu(r.err()));
  }

  /** The second line {@code times} prints: the children's user and system time. */
  static double childrenCpu(String stderr) {
    Matcher m = TIMES.matcher(stderr);
    double last = Double.NaN;
    while (m.find()) {
      last =
          Integer.parseInt(m.group(1)) * 60
              + Double.parseDouble(m.group(2))
              + Integer.parseInt(m.group(3)) * 60
              + Double.parseDouble(m.group(4));
    }
    if (Double.isNaN(last)) {
      throw new IllegalStateException("no times output in: " + stderr);
    }
    return last;
  }
}
