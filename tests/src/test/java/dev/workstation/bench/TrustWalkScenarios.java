package dev.workstation.bench;

import dev.workstation.fixtures.SigningKeys;
import dev.workstation.it.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC §12's trust walk: {@code workstation plan} on a roster branch with N unsigned commits, or N
 * unsigned merges of old commits, on top of the last signed change, beside the same plan with none
 * on top — the walk's cost is the difference. Self-contained: a roster repository of 300 commits
 * (trusted files changing every tenth), one admin-signed commit on top that changes both trusted
 * files, and the scenarios built on it with {@code git fast-import} (each merge's first parent is
 * the previous one, its second an old commit of the history, its tree its first parent's: it
 * touches nothing trusted, but its side parent holds other versions of the trusted files, so each
 * needs a merge base — what made 8,000 such merges take 398 s). Goal: under 3 s each, linear in
 * commits (N against N/2: at most 2.5×; quadratic is 4×).
 *
 * <p>{@code BENCH_TRUST_COMMITS} and {@code BENCH_TRUST_MERGES} (comma-separated sizes; default
 * 100000,200000 and 4000,8000) choose the sizes, {@code BENCH_TRUST_REPS} the repetitions; with
 * {@code -Dworkstation.jar=} another build's jar is measured the same way.
 */
final class TrustWalkScenarios {
  private static final String ROSTER = "scripts/workstation/roster.yaml";
  private static final String SETTINGS = "scripts/workstation/managed-settings.json";

  private final Sandbox box;
  private final int reps;
  private final Path dir;
  private final Path origin;
  private long clock = 1_700_000_000L;

  TrustWalkScenarios(Sandbox box, int reps) throws IOException {
    this.box = box;
    this.reps = sizes("BENCH_TRUST_REPS", String.valueOf(reps)).get(0);
    this.dir = Files.createDirectories(box.dir().resolve("trust-walk"));
    this.origin = dir.resolve("origin.git");
  }

  static List<Integer> sizes(String env, String dflt) {
    String v = System.getenv().getOrDefault(env, dflt);
    return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(Integer::parseInt).toList();
  }

  void run() throws Exception {
    List<Integer> commits = sizes("BENCH_TRUST_COMMITS", "100000,200000");
    List<Integer> merges = sizes("BENCH_TRUST_MERGES", "4000,8000");
    SigningKeys keys = SigningKeys.create(dir);
    List<String> old = history();
    String signed = signTip(keys);
    StringBuilder stream = new StringBuilder();
    int mark = 1;
    Map<String, Integer> branches = new LinkedHashMap<>();
    branches.put("base", 0);
    if (!commits.isEmpty()) {
      int top = commits.stream().max(Integer::compare).orElseThrow();
      for (int i = 1; i <= top; i++, mark++) {
        stream.append(commit("refs/heads/linear", mark, i == 1 ? signed : ":" + (mark - 1), null));
        stream.append("M 100644 inline log.txt\ndata <<END\n").append(i).append("\nEND\n\n");
        if (commits.contains(i)) {
          stream
              .append("reset refs/heads/linear-")
              .append(i)
              .append("\nfrom :")
              .append(mark)
              .append("\n\n");
          branches.put("linear-" + i, i);
        }
      }
    }
    if (!merges.isEmpty()) {
      int top = merges.stream().max(Integer::compare).orElseThrow();
      int first = mark;
      for (int i = 1; i <= top; i++, mark++) {
        stream.append(
            commit(
                "refs/heads/merges", mark, i == 1 ? signed : ":" + (mark - 1), old.get(i % 290)));
        if (merges.contains(i)) {
          stream
              .append("reset refs/heads/merges-")
              .append(i)
              .append("\nfrom :")
              .append(mark)
              .append("\n\n");
          branches.put("merges-" + i, i);
        }
      }
      assert mark > first;
    }
    fastImport(stream.toString());
    measure(branches);
  }

  private String commit(String ref, int mark, String from, String merge) {
    StringBuilder b = new StringBuilder("commit ").append(ref).append("\nmark :").append(mark);
    b.append("\ncommitter pusher <pusher@example.org> ").append(clock++).append(" +0000\n");
    b.append("data <<END\nunsigned ").append(mark).append("\nEND\nfrom ").append(from).append('\n');
    if (merge != null) {
      b.append("merge ").append(merge).append('\n');
    }
    return b.toString(); // file changes follow; a blank line ends the commit
  }

  /** 300 unsigned commits over 60 files in 12 directories; the trusted files change every tenth. */
  private List<String> history() throws Exception {
    git(dir, "init", "-q", "--bare", origin.toString());
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= 300; i++) {
      s.append(
          commit("refs/heads/master", i, i == 1 ? null : ":" + (i - 1), null)
              .replace("from null\n", ""));
      s.append(file("src/d" + (i % 12) + "/f" + (i % 60) + ".txt", "change " + i + "\n"));
      if (i % 10 == 1) {
        s.append(
            file(
                ROSTER,
                "users:\n  wizard: {authentik_user: w, k8s_user: w, tier: admin}\n# " + i + "\n"));
        s.append(file(SETTINGS, "{\"permissions\": {\"deny\": []}, \"n\": " + i + "}\n"));
      }
      s.append('\n');
    }
    fastImport(s.toString());
    return Arrays.asList(
        git(dir, "--git-dir=" + origin, "rev-list", "--reverse", "master").split("\n"));
  }

  private static String file(String path, String content) {
    return "M 100644 inline " + path + "\ndata <<END\n" + content + "END\n";
  }

  /** The admin's signed commit on top: it changes both trusted files (the last signed change). */
  private String signTip(SigningKeys keys) throws Exception {
    Path work = dir.resolve("work");
    git(dir, "clone", "-q", origin.toString(), work.toString());
    Files.writeString(work.resolve(ROSTER), Files.readString(work.resolve(ROSTER)) + "# signed\n");
    Files.writeString(work.resolve(SETTINGS), Files.readString(work.resolve(SETTINGS)) + " ");
    git(
        work,
        "-c",
        "user.name=viktor",
        "-c",
        "user.email=viktor@example.org",
        "-c",
        "gpg.format=ssh",
        "-c",
        "user.signingkey=" + keys.admin(),
        "commit",
        "-q",
        "-S",
        "-am",
        "sign");
    git(work, "push", "-q", "origin", "HEAD:master");
    return git(work, "rev-parse", "HEAD").strip();
  }

  private void fastImport(String stream) throws Exception {
    Process p =
        new ProcessBuilder("git", "--git-dir=" + origin, "fast-import", "--quiet", "--force")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stream.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("git fast-import failed: " + out);
    }
  }

  private static String git(Path cwd, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(argv + " failed: " + out);
    }
    return out;
  }

  /** A config per branch (its own mirror), fetched once, then plans timed interleaved. */
  private void measure(Map<String, Integer> branches) throws Exception {
    Map<String, String> plans = new LinkedHashMap<>();
    Map<String, List<Timed>> times = new LinkedHashMap<>();
    for (String b : branches.keySet()) {
      String branch = b.equals("base") ? "master" : b;
      Path c = dir.resolve(b + ".yaml");
      Files.writeString(
          c,
          "roster:\n  url: "
              + origin
              + "\n  branch: "
              + branch
              + "\n  path: "
              + ROSTER
              + "\n  managed_settings_path: "
              + SETTINGS
              + "\n  allowed_signers: "
              + dir.resolve("keys/allowed_signers")
              + "\n"
              + "state_dir: /var/lib/ws-trust-"
              + b
              + "\nhome_root: /home\n");
      // plan exits 2 (it would create the roster's admin); anything else, or an untrusted
      // change, means the scenario is not what it says
      String plan = String.join(" ", box.workstationArgv("--config=" + c, "plan"));
      plans.put(
          b,
          "out=$("
              + plan
              + "); rc=$?; [ $rc = 0 -o $rc = 2 ] || { echo \"$out\"; exit 1; };"
              + " case \"$out\" in *untrusted*) echo \"$out\"; exit 1;; esac");
      times.put(b, new ArrayList<>());
      Timed.run(box, plans.get(b)); // the fetch of the whole branch into a new mirror: not timed
    }
    for (int i = 0; i < reps; i++) {
      for (var e : plans.entrySet()) {
        Timed t = Timed.run(box, e.getValue());
        times.get(e.getKey()).add(t);
        if (System.getenv("BENCH_VERBOSE") != null) {
          System.out.printf("  trust-walk %s: %.3fs, %.2f CPU-s%n", e.getKey(), t.wall(), t.cpu());
        }
      }
    }
    Map<String, Timed> m = new LinkedHashMap<>();
    times.forEach(
        (k, v) ->
            m.put(
                k,
                new Timed(
                    Bench.median(v.stream().map(Timed::wall).toList()),
                    Bench.median(v.stream().map(Timed::cpu).toList()))));
    report("commits", "linear-", "unsigned commits", branches, m);
    report("merges", "merges-", "unsigned merges of old commits", branches, m);
  }

  private void report(
      String name,
      String prefix,
      String what,
      Map<String, Integer> branches,
      Map<String, Timed> m) {
    List<Integer> ns =
        branches.entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .map(Map.Entry::getValue)
            .toList();
    if (ns.isEmpty()) {
      return;
    }
    Timed base = m.get("base");
    StringBuilder each = new StringBuilder();
    for (int n : ns) {
      Timed t = m.get(prefix + n);
      each.append(
          String.format(
              "%,d: plan %.2fs / %.2f CPU-s, walk %.2fs / %.2f CPU-s; ",
              n, t.wall(), t.cpu(), t.wall() - base.wall(), t.cpu() - base.cpu()));
    }
    int top = ns.get(ns.size() - 1);
    Timed t = m.get(prefix + top);
    Bench.report(
        "trust-walk-" + name,
        t.wall() - base.wall(),
        "<=",
        3.0,
        String.format(
            "seconds the walk over %,d %s on top adds to plan: %.2fs / %.2f CPU-s against %.2fs /"
                + " %.2f CPU-s with none on top (%smedians of %d)",
            top, what, t.wall(), t.cpu(), base.wall(), base.cpu(), each, reps));
    if (ns.size() > 1) {
      int half = ns.get(ns.size() - 2);
      double walk = t.cpu() - base.cpu();
      double lower = Math.max(m.get(prefix + half).cpu() - base.cpu(), 0.01);
      Bench.report(
          "trust-walk-" + name + "-linear",
          (walk / lower) / ((double) top / half),
          "<=",
          1.25,
          String.format(
              "CPU-s per commit of the walk at %,d against %,d %s: %.2f / %.2f CPU-s for %.1fx"
                  + " the commits (1 is linear, 2 quadratic)",
              top, half, what, walk, lower, (double) top / half));
    }
  }
}
