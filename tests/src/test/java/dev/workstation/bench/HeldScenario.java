package dev.workstation.bench;

import dev.workstation.it.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code session-start-file-held} (issue 24's slowloris, timed): one user's session launch while
 * another local user keeps a thousand connections to the session service open and idle (re-opening
 * each one the service closes, every half second), against the same launch with nobody holding
 * anything — interleaved, same run. The service holds four of the holder's connections at a time
 * and refuses the rest on the spot, so the launch should take its usual time plus a small margin.
 */
final class HeldScenario {
  static final String HOLDER = "holder";

  /** Keeps 1,000 connections open: opened at once, those the service closed re-opened. */
  static final String HOLD =
      "use IO::Socket::UNIX; use IO::Select; $| = 1; my $sel = IO::Select->new;"
          + " my $first = 1; while (1) { while ($sel->count < 1000) {"
          + " my $s = IO::Socket::UNIX->new(Peer => '/run/workstation/session.sock') or last;"
          + " $sel->add($s); } if ($first) { print $sel->count, \"\\n\"; $first = 0; }"
          + " select(undef, undef, undef, 0.5);"
          + " for my $s ($sel->can_read(0)) { $sel->remove($s); close $s; } }";

  private HeldScenario() {}

  /** Times {@code launch} (a verified, up-to-date session launch) with and without the holder. */
  static void run(Sandbox box, String launch, Runnable verify, int reps) throws Exception {
    box.exec("useradd", "-M", "-s", "/usr/sbin/nologin", HOLDER).ok();
    List<Double> usual = new ArrayList<>();
    List<Double> held = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      usual.add(Timed.run(box, launch).wall());
      verify.run();
      Process holder = box.start(List.of("runuser", "-u", HOLDER, "--", "perl", "-e", HOLD));
      try {
        String opened =
            new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))
                .readLine();
        if (!"1000".equals(opened)) {
          throw new IllegalStateException("the holder opened " + opened + " connections");
        }
        held.add(Timed.run(box, launch).wall());
        verify.run();
      } finally {
        holder.descendants().forEach(ProcessHandle::destroy);
        holder.destroy();
        holder.waitFor(10, TimeUnit.SECONDS);
      }
    }
    double without = Bench.median(usual);
    double with = Bench.median(held);
    Bench.report(
        "session-start-file-held",
        with / without,
        "<=",
        1.5,
        String.format(
            "the launcher's session-start %.3fs while another user holds 1,000 idle connections"
                + " to the session service vs %.3fs while nobody does, same user, clones and"
                + " service, median of %d",
            with, without, reps));
  }
}
