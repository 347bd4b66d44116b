package dev.workstation.bench;

import dev.workstation.it.HttpsGitServer;
import dev.workstation.it.RealisticRepo;
import dev.workstation.it.RosterRepo;
import dev.workstation.it.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SPEC §12 conditions, built once for the HTTPS scenarios: git over HTTPS (nginx + fcgiwrap +
 * {@code git http-backend}, a CA trusted inside the sandbox only), basic auth on every repository,
 * 30 ms added to every response, a generated infra monorepo of SPEC size (git-crypt'd secrets),
 * eight small application repositories, and 20 users × 3 clones (workspace layout: infra with its
 * two remotes, and two application repos each) made by a real reconcile with every user's own
 * token. Infra is read with the users' tokens too ({@code infra.clone_credentials: user}).
 */
final class HttpsWorld implements AutoCloseable {
  static final int USERS = 20;
  static final int APPS = 8;
  static final int DELAY_MS = 30;

  final Sandbox box;
  final HttpsGitServer server;
  final RealisticRepo infra;
  final List<RealisticRepo> apps = new ArrayList<>();
  final Path config;
  private final RosterRepo roster;
  private final Path scripts;

  private HttpsWorld(
      Sandbox box, HttpsGitServer server, RealisticRepo infra, RosterRepo roster, Path config)
      throws Exception {
    this.box = box;
    this.server = server;
    this.infra = infra;
    this.roster = roster;
    this.config = config;
    this.scripts = Files.createDirectories(box.dir().resolve("https-scripts"));
  }

  static String user(int i) {
    return "b" + i;
  }

  static String token(int i) {
    return "tok-b" + i + "-" + Integer.toHexString(0x5eed * (i + 7));
  }

  /** The two application repos user {@code i} works on (each app is shared by a few users). */
  static List<String> appsOf(int i) {
    return List.of("app" + (i % APPS), "app" + ((i + 3) % APPS));
  }

  static HttpsWorld build(Sandbox box) throws Exception {
    Path dir = Files.createDirectories(box.dir().resolve("https-fixtures"));
    long t = System.nanoTime();
    HttpsGitServer server = HttpsGitServer.start(DELAY_MS);
    server.trustIn(box);
    RealisticRepo infra = RealisticRepo.generate(dir, "infra", RealisticRepo.infra(), 17);
    server.serve("infra.git", infra.bare(), false).serve("viktor/infra.git", infra.bare(), false);
    List<RealisticRepo> apps = new ArrayList<>();
    for (int a = 0; a < APPS; a++) {
      RealisticRepo app = RealisticRepo.generate(dir, "app" + a, RealisticRepo.app(), 100 + a);
      server.serve("viktor/app" + a + ".git", app.bare(), false);
      apps.add(app);
    }
    StringBuilder users = new StringBuilder("users:\n");
    for (int i = 0; i < USERS; i++) {
      List<String> grants = new ArrayList<>(List.of("infra.git", "viktor/infra.git"));
      appsOf(i).forEach(a -> grants.add("viktor/" + a + ".git"));
      server.user(user(i), token(i), grants.toArray(String[]::new));
      users
          .append("  ")
          .append(user(i))
          .append(": {authentik_user: ")
          .append(user(i))
          .append(", k8s_user: ")
          .append(user(i))
          .append(", tier: power-user, code_layout: workspace, repos: [")
          .append(String.join(", ", appsOf(i)))
          .append("]}\n");
    }
    RosterRepo roster = RosterRepo.create(Files.createDirectory(box.dir().resolve("r-https")));
    roster.commitRoster(users.toString());
    Path config = box.dir().resolve("https-workstation.yaml");
    Files.writeString(
        config,
        "roster: {url: "
            + roster.origin()
            + ", branch: master, path: "
            + RosterRepo.PATH
            + "}\nstate_dir: /var/lib/ws-https\nhome_root: /home\n"
            + "infra: {clone_url: "
            + server.url("infra.git")
            + ", clone_credentials: user, push_remote: forgejo, push_url: "
            + server.url("viktor/infra.git")
            + ", branch: master}\nrepos: {base_url: "
            + server.base()
            + "/viktor}\nfreshen: {jobs: 8, timeout: 30s, session_timeout: 10s}\n"
            + "launcher: {source: "
            + Launch.launcherSource()
            + "}\n");
    HttpsWorld w = new HttpsWorld(box, server, infra, roster, config);
    w.apps.addAll(apps);
    box.ws(config.toString(), "reconcile", "--no-freshen"); // accounts (clones need tokens)
    for (int i = 0; i < USERS; i++) {
      // what the Vault step writes: the user's own Forgejo token, 0600, as git-credential-store
      box.asUser(
              user(i),
              "umask 077; printf 'https://"
                  + user(i)
                  + ":"
                  + token(i)
                  + "@127.0.0.1%%3a"
                  + server.port()
                  + "\\n' > ~/.git-credentials")
          .ok();
    }
    // one user's clones the way reconcile makes them; every other user starts from a copy of
    // that infra clone (what a full reconcile would make, minus 19 × 25 MiB of cloning), then a
    // full reconcile clones the application repos and finds every infra clone wired
    box.ws(config.toString(), "reconcile", "--no-freshen", "--user", user(0)).ok();
    for (int i = 1; i < USERS; i++) {
      box.sh(
              "mkdir -p /home/"
                  + user(i)
                  + "/code && cp -a /home/"
                  + user(0)
                  + "/code/infra /home/"
                  + user(i)
                  + "/code/infra && chown -R "
                  + user(i)
                  + ": /home/"
                  + user(i)
                  + "/code")
          .ok();
    }
    box.ws(config.toString(), "reconcile", "--no-freshen").ok();
    String plan = box.ws(config.toString(), "plan").out();
    if (plan.contains("clone") || plan.contains("wire")) {
      throw new IllegalStateException("the copied clones are not what reconcile makes:\n" + plan);
    }
    // each clone's index refreshed once by its owner (copies have new inode numbers)
    box.sh(
            "for d in /home/b*/code/*/; do runuser -u \"$(stat -c %U \"$d\")\" -- git -C \"$d\""
                + " status --porcelain >/dev/null; done")
        .ok();
    w.writeScripts();
    w.verify("after the clones were made");
    System.out.printf(
        "(https world: %d users × 3 clones, infra %s, built in %.0f s)%n",
        USERS, infra.describe(), (System.nanoTime() - t) / 1e9);
    return w;
  }

  /**
   * The peers, as an admin would write them: one clone, as its owner, with the owner's HOME so git
   * finds their credential store; the serial loop over every clone; the same with {@code xargs -P
   * 4}; and the session launcher's loop over one user's clones.
   */
  private void writeScripts() throws Exception {
    box.write(
        scripts.resolve("one.sh").toString(),
        "#!/bin/sh\n"
            + "d=$1; u=$(stat -c %U \"$d\")\n"
            + "exec runuser -u \"$u\" -- env HOME=\"/home/$u\" sh -c 'cd \"$1\" && git fetch --all"
            + " --prune --quiet && git merge --ff-only -q @{upstream} >/dev/null' sh \"$d\"\n",
        "0755");
    box.write(
        scripts.resolve("session-loop.sh").toString(),
        "#!/bin/sh\n"
            + "for r in \"$HOME\"/code/*/; do\n"
            + "  cd \"$r\" || continue\n"
            + "  timeout 10 git fetch --all --prune --quiet || continue\n"
            + "  git symbolic-ref -q HEAD >/dev/null || continue\n"
            + "  test -z \"$(git status --porcelain)\" || continue\n"
            + "  git merge --ff-only -q @{upstream} >/dev/null\n"
            + "done\n",
        "0755");
  }

  String serialLoop() {
    return "for d in /home/b*/code/*/; do " + scripts.resolve("one.sh") + " \"$d\"; done";
  }

  String parallelLoop() {
    return "printf '%s\\n' /home/b*/code/*/ | xargs -P 4 -n 1 " + scripts.resolve("one.sh");
  }

  String sessionLoop(String user) {
    return "runuser -l " + user + " -c " + scripts.resolve("session-loop.sh");
  }

  String freshen() {
    return String.join(" ", quoted(box.workstationArgv("--config=" + config, "freshen")))
        + " >/dev/null";
  }

  private Process service;

  /**
   * Starts {@code workstation session-service} in the sandbox, as root, listening where the
   * package's socket unit listens — what systemd's socket activation has running after the first
   * session launch.
   */
  void ensureService() throws Exception {
    if (service == null) {
      startService();
      box.sh(sessionStart(user(0))).ok(); // the first request starts it warm, as in production
    }
  }

  void startService() throws Exception {
    service =
        box.start(box.workstationArgv("--config=" + config, "session-service", "--idle", "3600"));
    for (int i = 0; i < 400 && box.sh("test -S /run/workstation/session.sock").code() != 0; i++) {
      Thread.sleep(50);
    }
    box.sh("test -S /run/workstation/session.sock").ok();
  }

  /**
   * CPU seconds the service (and the git processes it ran and reaped) has used so far: its share of
   * a session-start, which the client's own figure does not include.
   */
  double serviceCpu() throws Exception {
    if (service == null) {
      return 0;
    }
    double total = 0;
    for (ProcessHandle h : service.descendants().toList()) {
      Path stat = Path.of("/proc/" + h.pid() + "/stat");
      if (Files.exists(stat)) {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        // fields 14-17 of stat (utime, stime, cutime, cstime), counted after "pid (comm) "
        for (int k = 11; k <= 14; k++) {
          total += Long.parseLong(f[k]) / 100.0;
        }
      }
    }
    return total;
  }

  /** A session launch's session-start as the user's deployed launcher does it ({@link Launch}). */
  String sessionStart(String user) throws Exception {
    return Launch.script(box, config, user, true);
  }

  private static List<String> quoted(List<String> argv) {
    return argv.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList();
  }

  /** Server heads: infra's master, and each app's. */
  Map<String, String> serverHeads() throws Exception {
    Map<String, String> heads = new LinkedHashMap<>();
    heads.put("infra", infra.head());
    for (int a = 0; a < apps.size(); a++) {
      heads.put("app" + a, apps.get(a).head());
    }
    return heads;
  }

  /**
   * Every clone's checked-out commit equals the server's head, and its tracked files are as
   * committed: the run really fetched and fast-forwarded. Fails with the clones that did not.
   */
  void verify(String when) throws Exception {
    verify(when, null);
  }

  /** {@link #verify(String)} for one user's clones only ({@code user} null: everyone's). */
  void verify(String when, String user) throws Exception {
    Map<String, String> heads = serverHeads();
    String glob = user == null ? "/home/b*/code/*/" : "/home/" + user + "/code/*/";
    String out =
        box.sh(
                "for d in "
                    + glob
                    + "; do printf '%s %s %s\\n' \"$d\" \"$(git -c safe.directory='*' -C \"$d\""
                    + " rev-parse HEAD)\" \"$(git -c safe.directory='*' -C \"$d\" status"
                    + " --porcelain -uno | wc -l)\"; done")
            .ok()
            .out();
    List<String> wrong = new ArrayList<>();
    int clones = 0;
    for (String line : out.strip().split("\n")) {
      String[] f = line.split(" ");
      String repo = Path.of(f[0]).getFileName().toString();
      clones++;
      if (!f[1].equals(heads.get(repo)) || !f[2].equals("0")) {
        wrong.add(line);
      }
    }
    int expected = user == null ? USERS * 3 : 3;
    if (clones != expected || !wrong.isEmpty()) {
      throw new IllegalStateException(
          "bench verification failed "
              + when
              + ": "
              + clones
              + " clones (expected "
              + expected
              + "), not at the server's head or not clean: "
              + wrong);
    }
  }

  @Override
  public void close() throws Exception {
    if (service != null) {
      service.descendants().forEach(ProcessHandle::destroy);
      service.destroy();
      service.waitFor();
      box.sh("rm -f /run/workstation/session.sock"); // later figures run without the service
    }
    Sandbox.closeAll(roster, server);
  }
}
