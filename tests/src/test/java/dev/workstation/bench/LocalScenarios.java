package dev.workstation.bench;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.it.RosterRepo;
import dev.workstation.it.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code session-start-file} (SPEC §12): a session launch on local ({@code file://}) remotes, up to
 * date, against the session launcher's shell loop at its cheapest — no network, no TLS, small
 * repositories. One user, three workspace clones (infra with its two remotes, two application
 * repos), made by a real reconcile; the launcher asks the resident session service, which asks each
 * local repository with the user's own git. Every timed run is verified against the repositories'
 * heads. The shell loop's git reads the repositories as an admin of such a site sets it up: {@code
 * safe.directory} in the system config (they are not the user's). Then the same launch while
 * another user holds a thousand idle connections to the service ({@link HeldScenario}).
 */
final class LocalScenarios {
  static final String USER = "loc";

  private LocalScenarios() {}

  static void sessionStartFile(Sandbox box, int reps) throws Exception {
    Path dir = Files.createDirectories(box.dir().resolve("local-fixtures"));
    Path infra = Fixtures.infraRepo(dir);
    Path tripit = Fixtures.plainRepo(dir, "tripit");
    Path notes = Fixtures.plainRepo(dir, "notes");
    box.sh("chmod -R a+rX " + dir + " && git config --system --add safe.directory '*'").ok();
    try (RosterRepo roster = RosterRepo.create(Files.createDirectory(box.dir().resolve("r-loc")))) {
      roster.commitRoster(
          "users:\n  "
              + USER
              + ": {authentik_user: loc, k8s_user: loc, tier: power-user, code_layout: workspace,"
              + " repos: [tripit, notes]}\n");
      Path config = box.dir().resolve("local-workstation.yaml");
      Files.writeString(
          config,
          "roster: {url: "
              + roster.origin()
              + ", branch: master, path: "
              + RosterRepo.PATH
              + "}\nstate_dir: /var/lib/ws-local\nhome_root: /home\n"
              + "infra: {clone_url: file://"
              + infra
              + ", push_remote: forgejo, push_url: "
              + infra
              + ", branch: master}\nrepos: {base_url: file://"
              + dir
              + "}\nfreshen: {session_timeout: 10s}\n"
              + "launcher: {source: "
              + Launch.launcherSource()
              + "}\n");
      box.ws(config.toString(), "reconcile").ok();
      Map<String, Path> heads = Map.of("infra", infra, "tripit", tripit, "notes", notes);
      Process service =
          box.start(box.workstationArgv("--config=" + config, "session-service", "--idle", "3600"));
      try {
        for (int i = 0;
            i < 400 && box.sh("test -S /run/workstation/session.sock").code() != 0;
            i++) {
          Thread.sleep(50);
        }
        String ours = Launch.script(box, config, USER, false);
        String loop =
            Launch.asUser(
                USER,
                "for r in ~/code/*/; do cd \"$r\" && timeout 10 git fetch --all --prune --quiet"
                    + " && git symbolic-ref -q HEAD >/dev/null && test -z \"$(git status --porcelain)\""
                    + " && git merge --ff-only -q @{upstream} >/dev/null; done");
        for (int i = 0; i < 5; i++) {
          box.sh(ours).ok(); // the first launches start it and compile its paths, as in production
        }
        // and it is the service's own answer: each clone up to date, nothing left to the fallback
        String said =
            box.sh(
                    Launch.asUser(
                        USER,
                        "curl -s --unix-socket /run/workstation/session.sock"
                            + " http://workstation/session-start"))
                .ok()
                .out();
        if (said.lines().filter(l -> l.endsWith(": up-to-date")).count() != 3) {
          throw new IllegalStateException(
              "the session service did not find 3 clones up to date: " + said);
        }
        if ("hold-file".equals(System.getenv("BENCH_ONLY"))) {
          Files.writeString(box.dir().resolve("ours.sh"), ours + "\n");
          Files.writeString(box.dir().resolve("loop.sh"), loop + "\n");
          Files.writeString(
              box.dir().resolve("enter.sh"),
              "#!/bin/sh\nexec " + String.join(" ", box.enterPrefix()) + " \"$@\"\n");
          box.sh("chmod 755 " + box.dir().resolve("enter.sh")).ok();
          System.out.println("(held: " + box.dir() + "; stdin: quit)");
          new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
          return;
        }
        List<Double> a = new java.util.ArrayList<>();
        List<Double> b = new java.util.ArrayList<>();
        List<Double> withHarness = new java.util.ArrayList<>();
        for (int i = 0; i < reps; i++) {
          long t = System.nanoTime();
          a.add(Timed.run(box, ours).wall());
          withHarness.add((System.nanoTime() - t) / 1e9);
          verify(box, heads);
          b.add(Timed.run(box, loop).wall());
          verify(box, heads);
        }
        double mine = Bench.median(a);
        double theirs = Bench.median(b);
        Bench.report(
            "session-start-file",
            mine / theirs,
            "<=",
            0.5,
            String.format(
                "the launcher's session-start (curl to the session service) %.3fs vs session shell"
                    + " loop %.3fs, one user's 3 clones (4 remotes) on local file:// repositories,"
                    + " up to date, median of %d, each timed inside the sandbox; with the"
                    + " bench's own way in (a JVM's process start and nsenter) the launch took"
                    + " %.3fs",
                mine, theirs, reps, Bench.median(withHarness)));
        HeldScenario.run(
            box,
            ours,
            () -> {
              try {
                verify(box, heads);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            reps);
      } finally {
        service.descendants().forEach(ProcessHandle::destroy);
        service.destroy();
        service.waitFor();
        box.sh("rm -f /run/workstation/session.sock");
      }
    }
  }

  /** Every clone at its repository's head, its tracked files as committed. */
  static void verify(Sandbox box, Map<String, Path> repos) throws Exception {
    for (Map.Entry<String, Path> r : repos.entrySet()) {
      String want = Fixtures.git(r.getValue(), "rev-parse", "HEAD").strip();
      String got =
          box.sh(
                  "git -c safe.directory='*' -C /home/"
                      + USER
                      + "/code/"
                      + r.getKey()
                      + " rev-parse HEAD && git -c safe.directory='*' -C /home/"
                      + USER
                      + "/code/"
                      + r.getKey()
                      + " status --porcelain -uno | wc -l")
              .ok()
              .out();
      if (!got.equals(want + "\n0\n")) {
        throw new IllegalStateException(
            "bench verification failed: " + r.getKey() + " is " + got + ", want " + want);
      }
    }
  }
}
