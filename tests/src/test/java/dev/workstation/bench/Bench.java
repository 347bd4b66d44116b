package dev.workstation.bench;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.it.GitHttpServer;
import dev.workstation.it.RosterRepo;
import dev.workstation.it.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code bench/run}: our figures against what we replace, as ratios of medians of repeated,
 * interleaved runs in one invocation, on this machine. Prints one line per figure: {@code bench
 * <name>: ratio=<x> target=<op><y> PASS|FAIL (<raw medians and what was compared>)}.
 */
public final class Bench {
  private final int reps;
  private final Sandbox box;
  private final GitHttpServer server;
  private final Path fixtures;

  private Bench(int reps, Sandbox box, GitHttpServer server, Path fixtures) {
    this.reps = reps;
    this.box = box;
    this.server = server;
    this.fixtures = fixtures;
  }

  /** {@code --quiet-check}: the load average before and after each scenario. */
  static boolean quietCheck;

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    quietCheck = List.of(args).contains("--quiet-check");
    int reps = quick ? 3 : 7;
    String only = System.getenv().getOrDefault("BENCH_ONLY", "");
    try (Sandbox box = Sandbox.open()) {
      box.useCdsArchive(); // as installed: the postinst makes this archive
      if (only.isEmpty() || only.startsWith("https") || only.equals("hold")) {
        try (HttpsWorld world = HttpsWorld.build(box)) {
          if (only.equals("hold")) {
            Hold.run(world); // until "quit"; then the world and the sandbox close as usual
          }
          HttpsScenarios https = new HttpsScenarios(world, reps);
          if (wanted(only, "https-freshen")) {
            scenario("freshen-https", () -> https.freshen(0));
            scenario("freshen-https-behind", () -> https.freshen(5));
          }
          if (wanted(only, "https-session-start")) {
            scenario("session-start-https", () -> https.sessionStart(0));
            scenario("session-start-https-behind", () -> https.sessionStart(3));
          }
        }
      }
      if (only.isEmpty() || only.startsWith("session-start-file") || only.equals("hold-file")) {
        scenario("session-start-file", () -> LocalScenarios.sessionStartFile(box, reps));
      }
      if (only.isEmpty() || only.equals("trust-walk")) {
        scenario("trust-walk", () -> new TrustWalkScenarios(box, reps).run());
      }
      Path fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
      try (GitHttpServer server = new GitHttpServer()) {
        Bench b = new Bench(reps, box, server, fixtures);
        if (only.isEmpty() || only.equals("session-start")) {
          b.sessionStart();
        }
        if (only.isEmpty() || only.equals("freshen")) {
          b.freshen(quick);
        }
        if (only.isEmpty() || only.equals("reconcile-scaling")) {
          b.reconcileScaling();
        }
        if (only.isEmpty() || only.equals("roster-size")) {
          b.rosterSize();
        }
      }
    }
    System.exit(0);
  }

  /** A scenario's body. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs one scenario; with {@code --quiet-check}, between the machine's load average before and
   * after it, so that a reader can tell a figure taken on a loaded machine from a quiet one.
   */
  static void scenario(String name, Body body) throws Exception {
    if (quietCheck) {
      System.out.println("load before " + name + ": " + loadAverage());
    }
    body.run();
    if (quietCheck) {
      System.out.println("load after " + name + ": " + loadAverage());
    }
    System.out.flush();
  }

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}). */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** {@code BENCH_ONLY} empty (everything), {@code https} (every HTTPS scenario) or one group. */
  static boolean wanted(String only, String group) {
    return only.isEmpty() || only.equals("https") || only.equals(group);
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static double seconds(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }

  /** Interleaves a and b {@code reps} times; returns their medians in seconds. */
  double[] compare(Runnable a, Runnable b) {
    List<Double> as = new ArrayList<>();
    List<Double> bs = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      as.add(seconds(a));
      bs.add(seconds(b));
    }
    return new double[] {median(as), median(bs)};
  }

  static void report(String name, double ratio, String op, double target, String detail) {
    boolean pass = op.equals("<=") ? ratio <= target : ratio >= target;
    System.out.printf(
        "bench %s: ratio=%.2f target=%s%s %s (%s)%n",
        name, ratio, op, trim(target), pass ? "PASS" : "FAIL", detail);
    System.out.flush();
  }

  static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  String rosterHeader() {
    return "users:\n";
  }

  Path config(RosterRepo roster, String extra) throws Exception {
    return config(roster, "/var/lib/workstation", extra);
  }

  /**
   * A site config; each scenario with its own state dir, so one's applied roster never cuts
   * another's users.
   */
  Path config(RosterRepo roster, String stateDir, String extra) throws Exception {
    Path c = box.dir().resolve("bench-" + System.nanoTime() + ".yaml");
    Files.writeString(
        c,
        "roster: {url: "
            + roster.origin()
            + ", branch: master, path: "
            + RosterRepo.PATH
            + "}\n"
            + "state_dir: "
            + stateDir
            + "\nhome_root: /home\n"
            + extra);
    return c;
  }

  String infraSection() {
    return "infra: {clone_url: "
        + server.url("infra.git")
        + ", push_remote: forgejo, push_url: "
        + server.url("viktor/infra.git")
        + ", branch: master}\nrepos: {base_url: "
        + server.base()
        + "/viktor}\n";
  }

  void ws(Path config, String... args) {
    List<String> argv = new ArrayList<>(List.of("--config=" + config));
    argv.addAll(List.of(args));
    box.workstation(argv.toArray(String[]::new)).ok();
  }

  /** session-start on three up-to-date workspace repos vs the shell loop it replaces. */
  void sessionStart() throws Exception {
    Path infra = Fixtures.infraRepo(fixtures);
    server
        .serve("infra.git", infra, true)
        .serve("viktor/infra.git", infra, false)
        .serve("viktor/tripit.git", Fixtures.plainRepo(fixtures, "tripit"), false)
        .serve("viktor/notes.git", Fixtures.plainRepo(fixtures, "notes"), false)
        .user("ses", "tok-ses", "viktor/infra.git", "viktor/tripit.git", "viktor/notes.git");
    try (RosterRepo roster = RosterRepo.create(Files.createDirectory(box.dir().resolve("r-ses")))) {
      roster.commitRoster(
          "users:\n  ses: {authentik_user: ses, k8s_user: ses, tier: power-user, code_layout: workspace,"
              + " repos: [tripit, notes]}\n");
      Path config = config(roster, "/var/lib/ws-session", infraSection());
      box.workstation("--config=" + config, "reconcile", "--no-freshen");
      box.asUser(
              "ses",
              "umask 077; printf 'http://ses:tok-ses@127.0.0.1%%3a"
                  + server.port()
                  + "\\n' > ~/.git-credentials")
          .ok();
      ws(config, "reconcile");
      String ours = String.join(" ", box.workstationArgv("--config=" + config, "session-start"));
      String loop =
          "for r in ~/code/*/; do cd \"$r\" && timeout 10 git -c credential.helper=store fetch --all --prune --quiet"
              + " && git symbolic-ref -q HEAD >/dev/null && test -z \"$(git status --porcelain)\""
              + " && git rev-parse -q @{upstream} >/dev/null && git merge --ff-only -q @{upstream} >/dev/null; done";
      double[] m = compare(() -> box.asUser("ses", ours).ok(), () -> box.asUser("ses", loop).ok());
      report(
          "session-start",
          m[0] / m[1],
          "<=",
          1.0,
          String.format(
              "workstation session-start %.3fs vs shell loop %.3fs, 3 up-to-date workspace repos, median of %d",
              m[0], m[1], reps));
    }
  }

  /** Hourly freshen of 20 users × 5 repos behind added latency vs the serial runuser loop. */
  void freshen(boolean quick) throws Exception {
    if (System.getenv("BENCH_ONLY") != null) {
      Path infra = Fixtures.infraRepo(fixtures);
      server.serve("infra.git", infra, true);
    }
    int users = 20;
    int perUser = 5;
    List<String> repos = new ArrayList<>();
    for (int i = 0; i < perUser - 1; i++) {
      String name = "r" + i;
      server.serve("viktor/" + name + ".git", Fixtures.plainRepo(fixtures, name), true);
      repos.add(name);
    }
    StringBuilder roster = new StringBuilder("users:\n");
    for (int u = 0; u < users; u++) {
      roster
          .append("  f")
          .append(u)
          .append(": {authentik_user: f")
          .append(u)
          .append(", k8s_user: f")
          .append(u)
          .append(", tier: power-user, code_layout: workspace, repos: [")
          .append(String.join(", ", repos))
          .append("]}\n");
    }
    try (RosterRepo r = RosterRepo.create(Files.createDirectory(box.dir().resolve("r-fresh")))) {
      r.commitRoster(roster.toString());
      // public infra push remote so every fetch is anonymous: the comparison is about fetching
      Path config =
          config(
              r,
              "/var/lib/ws-fresh",
              "infra: {clone_url: "
                  + server.url("infra.git")
                  + ", push_remote: forgejo, push_url: "
                  + server.url("infra.git")
                  + ", branch: master}\nrepos: {base_url: "
                  + server.base()
                  + "/viktor}\n"
                  + "freshen: {jobs: 8, timeout: 30s}\n");
      ws(config, "reconcile", "--no-freshen");
      server.delay(30); // added round-trip latency on every request
      if (System.getenv("BENCH_VERBOSE") != null) {
        long t = System.nanoTime();
        Sandbox.Result once = box.workstation("--config=" + config, "freshen");
        System.out.println(
            once.out()
                + "\n(one freshen: "
                + (System.nanoTime() - t) / 1_000_000
                + " ms, server requests so far "
                + server.requests()
                + ")");
      }
      String loop =
          "for u in $(seq 0 "
              + (users - 1)
              + "); do for r in /home/f$u/code/*/; do"
              + " runuser -u f$u -- sh -c \"cd $r && git fetch --all --prune --quiet && git merge --ff-only -q @{upstream} >/dev/null\";"
              + " done; done";
      double[] m = compare(() -> ws(config, "freshen"), () -> box.sh(loop).ok());
      server.delay(0);
      report(
          "freshen",
          m[1] / m[0],
          ">=",
          5.0,
          String.format(
              "serial runuser git loop %.2fs / workstation freshen %.2fs, %d clones (%d users × %d), 30 ms added per request, median of %d",
              m[1], m[0], users * perUser, users, perUser, reps));
    }
  }

  /** No-op reconcile of 100 users vs 10 users, and the files the no-op run writes. */
  void reconcileScaling() throws Exception {
    double[] medians = new double[2];
    long[] rss = new long[1];
    int[] written = new int[1];
    int[] sizes = {10, 100};
    for (int k = 0; k < 2; k++) {
      int n = sizes[k];
      StringBuilder roster = new StringBuilder("users:\n");
      for (int u = 0; u < n; u++) {
        roster
            .append("  s")
            .append(n)
            .append('x')
            .append(u)
            .append(": {authentik_user: s")
            .append(n)
            .append('x')
            .append(u)
            .append(", k8s_user: s")
            .append(u)
            .append(", tier: power-user}\n");
      }
      try (RosterRepo r =
          RosterRepo.create(Files.createDirectory(box.dir().resolve("r-scale" + n)))) {
        r.commitRoster(roster.toString());
        Path config = config(r, "/var/lib/ws-" + n, "");
        ws(config, "reconcile");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
          times.add(seconds(() -> ws(config, "reconcile", "--no-freshen")));
        }
        medians[k] = median(times);
        if (n == 100) {
          box.sh("touch /tmp/bench-marker-" + box.dir().getFileName()).ok();
          Thread.sleep(1100);
          Sandbox.Result rr =
              box.workstationWithEnv(
                  java.util.Map.of("WORKSTATION_REPORT_RSS", "1"),
                  "--config=" + config,
                  "reconcile",
                  "--no-freshen");
          rss[0] =
              Long.parseLong(rr.err().replaceAll("(?s).*workstation-peak-rss-kb (\\d+).*", "$1"));
          written[0] =
              Integer.parseInt(
                  box.sh(
                          "find /etc /home /var/lib/ws-100 -xdev -newer /tmp/bench-marker-"
                              + box.dir().getFileName()
                              + " -not -path '*/.git/*' -not -path '*/roster.git/*'"
                              + " -not -path /var/lib/ws-100/last-run.json -type f | wc -l")
                      .ok()
                      .out()
                      .strip());
        }
      }
    }
    report(
        "reconcile-scaling",
        medians[1] / medians[0],
        "<=",
        10.0,
        String.format(
            "no-op reconcile 100 users %.2fs vs 10 users %.2fs, median of %d; files written by the 100-user no-op run, besides its run record: %d (target 0)",
            medians[1], medians[0], reps, written[0]));
    report(
        "memory",
        rss[0] / 1024.0,
        "<=",
        256.0,
        String.format(
            "peak RSS of the 100-user reconcile JVM %.0f MiB (VmHWM; workers are separate processes)",
            rss[0] / 1024.0));
  }

  /** validate + derive of a 1,000-user roster vs a 10-user roster. */
  void rosterSize() throws Exception {
    Path small = roster(10);
    Path big = roster(1000);
    double[] m =
        compare(
            () -> {
              box.workstation("roster", "validate", big.toString()).ok();
              box.workstation("roster", "derive", big.toString(), "--json").ok();
            },
            () -> {
              box.workstation("roster", "validate", small.toString()).ok();
              box.workstation("roster", "derive", small.toString(), "--json").ok();
            });
    report(
        "roster-size",
        m[0] / m[1],
        "<=",
        20.0,
        String.format(
            "validate+derive 1,000 users %.3fs vs 10 users %.3fs (each two CLI runs, JVM start included), median of %d",
            m[0], m[1], reps));
  }

  Path roster(int n) throws Exception {
    StringBuilder b = new StringBuilder("users:\n");
    for (int i = 0; i < n; i++) {
      b.append("  u")
          .append(i)
          .append(": {authentik_user: a")
          .append(i)
          .append(", k8s_user: k")
          .append(i)
          .append(
              i % 3 == 0
                  ? ", tier: namespace-owner, namespaces: [ns" + i + "]"
                  : ", tier: power-user")
          .append("}\n");
    }
    Path p = box.dir().resolve("roster-" + n + ".yaml");
    Files.writeString(p, b.toString());
    return p;
  }
}
