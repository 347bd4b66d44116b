package dev.workstation.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SPEC §12 figures under real conditions ({@link HttpsWorld}): session-start against the
 * session launcher's shell loop, and the hourly freshen against the serial and the parallel-4 git
 * loops, each with clones up to date and with infra behind. Contenders run interleaved; before each
 * run the server moves on as the scenario says, and after each the clones are checked against the
 * server's heads (a run that did not really fetch and fast-forward fails the bench).
 */
final class HttpsScenarios {
  private final HttpsWorld w;
  private final int reps;

  HttpsScenarios(HttpsWorld world, int reps) {
    this.w = world;
    this.reps = reps;
  }

  /** A contender: its command, and how many infra commits the server gains before each run. */
  private record Contender(String name, String script, String verifyUser) {}

  /** Medians of wall and CPU per contender, in the order given. */
  private Map<String, Timed> race(int behind, List<Contender> contenders) throws Exception {
    Map<String, List<Timed>> runs = new LinkedHashMap<>();
    contenders.forEach(c -> runs.put(c.name(), new ArrayList<>()));
    for (int i = 0; i < reps; i++) {
      for (Contender c : contenders) {
        if (behind > 0) {
          w.infra.advance(behind);
        }
        double serviceBefore = w.serviceCpu();
        Timed t = Timed.run(w.box, c.script());
        if (c.name().equals("ours")) {
          // the resident service's share is ours too (zero when no service runs)
          t = new Timed(t.wall(), t.cpu() + w.serviceCpu() - serviceBefore);
        }
        w.verify(c.name() + " (run " + (i + 1) + ")", c.verifyUser());
        runs.get(c.name()).add(t);
        if (System.getenv("BENCH_VERBOSE") != null) {
          System.out.printf("  %s: %.3fs wall, %.2f CPU-s%n", c.name(), t.wall(), t.cpu());
        }
      }
    }
    Map<String, Timed> medians = new LinkedHashMap<>();
    runs.forEach(
        (name, list) ->
            medians.put(
                name,
                new Timed(
                    Bench.median(list.stream().map(Timed::wall).toList()),
                    Bench.median(list.stream().map(Timed::cpu).toList()))));
    return medians;
  }

  void sessionStart(int behind) throws Exception {
    String user = HttpsWorld.user(0);
    w.ensureService();
    if (behind == 0) {
      // the service's own answer, not a fallback's or a failure's: every clone up to date
      String said =
          w.box
              .sh(
                  Launch.asUser(
                      user,
                      "curl -s --unix-socket /run/workstation/session.sock"
                          + " http://workstation/session-start"))
              .ok()
              .out();
      if (said.lines().filter(l -> l.endsWith(": up-to-date")).count() != 3) {
        throw new IllegalStateException("the session service did not answer up to date: " + said);
      }
    }
    Map<String, Timed> m =
        race(
            behind,
            List.of(
                new Contender("ours", w.sessionStart(user), user),
                new Contender("loop", w.sessionLoop(user), user)));
    Timed ours = m.get("ours");
    Timed loop = m.get("loop");
    Bench.report(
        behind == 0 ? "session-start-https" : "session-start-https-behind",
        ours.wall() / loop.wall(),
        "<=",
        behind == 0 ? 0.1 : 0.5,
        String.format(
            "the launcher's session-start (curl to the session service) %.3fs (%.2f CPU-s) vs"
                + " session shell loop %.3fs (%.2f CPU-s),"
                + " one user's 3 clones (4 remotes), %s, %s, median of %d",
            ours.wall(),
            ours.cpu(),
            loop.wall(),
            loop.cpu(),
            behind == 0 ? "up to date" : "infra " + behind + " commits behind",
            conditions(),
            reps));
  }

  void freshen(int behind) throws Exception {
    w.ensureService(); // as installed: `workstation freshen` hands the work to the running service
    if (behind > 0) {
      // root's mirror exists from the first hourly run on: that first fetch (the whole remote) is
      // not an hourly cost, so one run, untimed, makes it
      w.infra.advance(behind);
      Timed.run(w.box, w.freshen());
      w.verify("after the run that made root's mirror");
    }
    Map<String, Timed> m =
        race(
            behind,
            List.of(
                new Contender("ours", w.freshen(), null),
                new Contender("parallel", w.parallelLoop(), null),
                new Contender("serial", w.serialLoop(), null)));
    Timed ours = m.get("ours");
    Timed par = m.get("parallel");
    Timed ser = m.get("serial");
    String detail =
        String.format(
            "workstation freshen %.2fs (%.2f CPU-s) vs parallel-4 loop %.2fs (%.2f CPU-s) and serial"
                + " loop %.2fs (%.2f CPU-s), %d clones (%d users × 3), %s, %s, median of %d",
            ours.wall(),
            ours.cpu(),
            par.wall(),
            par.cpu(),
            ser.wall(),
            ser.cpu(),
            HttpsWorld.USERS * 3,
            HttpsWorld.USERS,
            behind == 0 ? "all up to date" : "infra " + behind + " commits behind",
            conditions(),
            reps);
    String name = behind == 0 ? "freshen-https" : "freshen-https-behind";
    Bench.report(name, par.wall() / ours.wall(), ">=", behind == 0 ? 8.0 : 4.0, detail);
    Bench.report(
        name + "-cpu",
        ours.cpu() / par.cpu(),
        "<=",
        behind == 0 ? 0.15 : 0.25,
        String.format(
            "client CPU (the command's and the session service's): workstation freshen %.2f CPU-s"
                + " vs parallel-4 loop %.2f CPU-s (serial %.2f), same runs",
            ours.cpu(), par.cpu(), ser.cpu()));
  }

  private static String conditions() {
    return "HTTPS (nginx + git http-backend), basic auth on every repo, "
        + HttpsWorld.DELAY_MS
        + " ms per request";
  }
}
