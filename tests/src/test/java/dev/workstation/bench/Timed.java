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

  private static final Pattern WALL =
      Pattern.compile("^@@timed ([\\d.,]+) ([\\d.,]+)$", Pattern.MULTILINE);

  /**
   * Runs {@code script} with {@code /bin/bash -c} in {@code box}; fails unless it exits 0. The wall
   * time is taken by that shell around the script (bash's {@code $EPOCHREALTIME}, no process of its
   * own): the bench's way into the sandbox (a process its JVM starts, then {@code nsenter}) is
   * neither contender's cost, and at tens of milliseconds it weighed on the smaller one.
   */
  static Timed run(Sandbox box, String script) {
    String timed =
        "s=$EPOCHREALTIME\n" + script + "\ne=$EPOCHREALTIME\ntimes >&2\necho \"@@timed $s $e\" >&2";
    Sandbox.Result r = box.exec(List.of("/bin/bash", "-c", timed), null).ok();
    return new Timed(wall(r.err()), childrenCpu(r.err()));
  }

  /** Seconds between the two stamps the shell printed last. */
  static double wall(String stderr) {
    Matcher m = WALL.matcher(stderr);
    double last = Double.NaN;
    while (m.find()) {
      last =
          Double.parseDouble(m.group(2).replace(',', '.'))
              - Double.parseDouble(m.group(1).replace(',', '.'));
    }
    if (Double.isNaN(last)) {
      throw new IllegalStateException("no timing in: " + stderr);
    }
    return last;
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
