package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.input.JsonReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ~/code on a sandboxed host against a real smart-HTTP git server with basic auth and a real
 * git-crypt infra repo; every check made with the real git CLI, as the user.
 */
class CodeLayoutIT extends SiteTest {
  static final String ANCA_TOKEN = "tok-anca-0123456789abcdef";
  static final String EMO_TOKEN = "tok-emo-fedcba9876543210";

  /** True while someone holds emo's ~/code lock (a POSIX lock on its inode, in /proc/locks). */
  static final String HOLDS_LOCK =
      "i=$(stat -c %i /home/emo/.cache/workstation/home.lock 2>/dev/null)"
          + " && grep -q \":$i \" /proc/locks";

  GitHttpServer server;
  Path fixtures;
  String config;

  @BeforeEach
  void setUp() throws Exception {
    fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    server =
        site.closeAfter(new GitHttpServer())
            .serve("infra.git", infra, true)
            .serve("viktor/infra.git", infra, false)
            .serve("viktor/tripit.git", Fixtures.plainRepo(fixtures, "tripit"), false)
            .serve("viktor/secretproj.git", Fixtures.plainRepo(fixtures, "secretproj"), false)
            .user("anca", ANCA_TOKEN, "viktor/infra.git", "viktor/tripit.git")
            .user("emo", EMO_TOKEN, "viktor/infra.git", "viktor/tripit.git");
    config =
        site.configure(
            "infra:\n  clone_url: "
                + server.url("infra.git")
                + "\n  push_remote: forgejo\n  push_url: "
                + server.url("viktor/infra.git")
                + "\n  branch: master\n"
                + "repos:\n  base_url: "
                + server.base()
                + "/viktor\n"
                + "freshen: {jobs: 4, timeout: 3s, session_timeout: 3s}\n");
  }

  /** Creates the account first (so the test can give it a token), then reconciles the rest. */
  void onboard(String user, String token, String row) throws Exception {
    roster.commitRoster("users:\n  " + row + "\n");
    site.ws("reconcile", "--user", user, "--no-freshen");
    box.asUser(
            user,
            "umask 077; printf 'http://"
                + user
                + ":"
                + token
                + "@127.0.0.1:"
                + server.port()
                + "\\n' > ~/.git-credentials")
        .ok();
  }

  @Test
  void a_single_layout_namespace_owner_gets_a_locked_wired_clone_owned_by_them() throws Exception {
    onboard(
        "anca",
        ANCA_TOKEN,
        "anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}");
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertEquals(
        "", box.sh("find /home/anca/code ! -user anca | head").ok().out(), "every file is anca's");
    for (String secret : List.of("secrets/vault.env", "terraform.tfvars")) {
      String head =
          box.sh("head -c 10 /home/anca/code/" + secret + " | od -An -c | tr -s ' '")
              .ok()
              .out()
              .strip();
      assertEquals("\\0 G I T C R Y P T \\0", head, secret + " must stay ciphertext");
    }
    assertEquals(
        "resource \"x\" \"y\" {}",
        box.exec("cat", "/home/anca/code/stacks/app/main.tf").ok().out().strip());
    assertEquals("", box.asUser("anca", "cd ~/code && git status --porcelain").ok().out());
    assertTrue(box.asUser("anca", "cd ~/code && git remote").ok().out().contains("forgejo"));
    assertEquals(
        "forgejo/master",
        box.asUser("anca", "cd ~/code && git rev-parse --abbrev-ref master@{upstream}")
            .ok()
            .out()
            .strip());
    assertFalse(
        box.exec("ls", "/home/anca/code/.git/git-crypt/keys").code() == 0,
        "no git-crypt key is installed");
    Sandbox.Result plan = site.ws("plan");
    assertEquals(0, plan.code(), plan.both());
  }

  @Test
  void a_workspace_user_gets_the_repos_their_token_grants_and_the_token_leaks_nowhere()
      throws Exception {
    onboard(
        "anca",
        ANCA_TOKEN,
        "anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb],"
            + " code_layout: workspace, repos: [tripit, secretproj]}");
    Sandbox.Result r = site.ws("--json", "reconcile");
    assertEquals(0, r.code(), "a repo without access is a warning, not a failure:\n" + r.both());
    assertEquals("clone", kind("/home/anca/code/infra"));
    assertEquals("clone", kind("/home/anca/code/tripit"));
    assertEquals("absent", kind("/home/anca/code/secretproj"));
    assertTrue(
        r.both().contains("user=anca action=clone-repo repo=secretproj result=deferred"), r.both());
    String leaks =
        box.sh(
                "grep -rl '"
                    + ANCA_TOKEN
                    + "' /home/anca/code /var/lib/workstation 2>/dev/null; true")
            .out();
    assertEquals("", leaks, "token found in clone or state files");
    assertFalse(r.both().contains(ANCA_TOKEN), "token in output");
    assertEquals("", box.asUser("anca", "cd ~/code/tripit && git status --porcelain").ok().out());
  }

  @Test
  void a_planted_code_symlink_to_a_root_directory_is_reported_and_never_written() throws Exception {
    onboard(
        "anca",
        ANCA_TOKEN,
        "anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}");
    box.sh(
            "rm -rf /home/anca/code && mkdir -p /etc/rootonly && chmod 755 /etc/rootonly && ln -s /etc/rootonly /home/anca/code && chown -h anca:anca /home/anca/code")
        .ok();
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("anca: ~/code is a symlink"), r.out());
    assertEquals("", box.exec("ls", "-A", "/etc/rootonly").ok().out());
  }

  /** The emo-safe migration: a lived-in single clone flipped to workspace loses nothing. */
  @ParameterizedTest
  @ValueSource(
      strings = {"none", "migrate:moved-aside", "migrate:code-dir-created", "migrate:moved-in"})
  void a_lived_in_single_clone_migrates_to_workspace_with_everything_kept(String fault)
      throws Exception {
    String row = "emo: {authentik_user: emil, k8s_user: emo, tier: power-user";
    onboard("emo", EMO_TOKEN, row + "}");
    site.ws("reconcile").ok();
    // live in it: a branch, a stash, a modified tracked file, an untracked file, a nested clone
    box.asUser(
            "emo",
            String.join(
                " && ",
                "cd ~/code",
                "git -c user.name=e -c user.email=e@x checkout -q -b emo/topic",
                "echo change >> README.md",
                "git -c user.name=e -c user.email=e@x stash -q",
                "git checkout -q master",
                "echo dirty >> stacks/app/main.tf",
                "echo mine > notes.txt",
                "git -c credential.helper=store clone -q http://127.0.0.1:"
                    + server.port()
                    + "/viktor/tripit.git tripit",
                "echo wip > tripit/wip.txt"))
        .ok();
    long tripitInode =
        Long.parseLong(box.exec("stat", "-c", "%i", "/home/emo/code/tripit").ok().out().strip());
    Process session =
        box.start(
            List.of(
                "runuser",
                "-u",
                "emo",
                "--",
                "sh",
                "-c",
                "cd /home/emo/code/stacks && exec sleep 300"));
    try {
      Poll.until(
          Duration.ofSeconds(30),
          "emo's session sits in ~/code/stacks",
          () ->
              box.sh("for p in $(pgrep -u emo -x sleep); do readlink /proc/$p/cwd; done")
                  .out()
                  .contains("/home/emo/code/stacks"));
      roster.commitRoster("users:\n  " + row + ", code_layout: workspace, repos: [tripit]}\n");
      if (!fault.equals("none")) {
        Sandbox.Result crashed =
            box.workstationWith(
                TestPorts.workerHaltAfter(fault), "--config=" + config, "reconcile");
        assertEquals(
            1, crashed.code(), "the killed step is reported as a failure:\n" + crashed.both());
        assertTrue(
            box.exec("test", "-f", "/var/lib/workstation/migrations/emo").code() == 0,
            "journal kept after a crash");
      }
      Sandbox.Result r = site.ws("reconcile");
      assertEquals(0, r.code(), r.both());
      assertEquals("dir", kind("/home/emo/code"));
      String infra = "cd ~/code/infra && ";
      assertTrue(box.asUser("emo", infra + "git branch").ok().out().contains("emo/topic"));
      assertTrue(box.asUser("emo", infra + "git stash list").ok().out().contains("stash@{0}"));
      String status = box.asUser("emo", infra + "git status --porcelain").ok().out();
      assertTrue(status.contains(" M stacks/app/main.tf"), status);
      assertTrue(status.contains("?? notes.txt"), status);
      assertFalse(status.contains("tripit"), "tripit was hoisted out: " + status);
      assertEquals(
          tripitInode,
          Long.parseLong(box.exec("stat", "-c", "%i", "/home/emo/code/tripit").ok().out().strip()),
          "tripit moved (same inode), not recloned");
      assertEquals("wip", box.exec("cat", "/home/emo/code/tripit/wip.txt").ok().out().strip());
      String cwd = box.exec("readlink", "/proc/" + childPid(session) + "/cwd").ok().out().strip();
      assertEquals(
          "/home/emo/code/infra/stacks", cwd, "the running session followed the moved inode");
      assertEquals("absent", kind("/home/emo/.code-migrating"));
      assertFalse(
          box.exec("test", "-e", "/var/lib/workstation/migrations/emo").code() == 0,
          "journal closed");
      Sandbox.Result plan = site.ws("plan");
      assertEquals(0, plan.code(), plan.both());
    } finally {
      session.destroyForcibly();
      box.exec("pkill", "-u", "emo");
    }
  }

  @Test
  void a_session_working_in_code_defers_the_migration_and_a_migration_defers_session_start()
      throws Exception {
    String row = "emo: {authentik_user: emil, k8s_user: emo, tier: power-user";
    onboard("emo", EMO_TOKEN, row + "}");
    site.ws("reconcile").ok();
    String head = box.asUser("emo", "cd ~/code && git rev-parse HEAD").ok().out();
    // a real session-start holding ~/code: it fetches from a remote that accepts and never answers
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      box.asUser(
              "emo",
              "cd ~/code && git remote add slow http://127.0.0.1:"
                  + silent.getLocalPort()
                  + "/x.git")
          .ok();
      List<String> argv = new ArrayList<>(List.of("runuser", "-u", "emo", "--"));
      argv.addAll(box.workstationArgv("session-start", "--timeout", "6"));
      Process session = box.start(argv);
      try {
        Poll.until(
            Duration.ofSeconds(30),
            "emo's session-start holds ~/code's lock",
            () -> box.exec("sh", "-c", HOLDS_LOCK).code() == 0);
        roster.commitRoster("users:\n  " + row + ", code_layout: workspace}\n");
        Sandbox.Result deferred = site.ws("reconcile");
        assertEquals(1, deferred.code(), deferred.both());
        assertTrue(
            deferred.out().contains("a session-start is working in ~/code right now"),
            deferred.out());
        assertEquals(
            "clone", kind("/home/emo/code"), "nothing moved while the session held ~/code");
      } finally {
        session.waitFor();
      }
    }
    box.asUser("emo", "cd ~/code && git remote remove slow").ok();
    site.ws("reconcile").ok();
    assertEquals(head, box.asUser("emo", "cd ~/code/infra && git rev-parse HEAD").ok().out());

    box.asUser("emo", "mkdir ~/.code-migrating").ok(); // as if a move were under way
    Sandbox.Result s =
        box.asUser("emo", String.join(" ", box.workstationArgv("session-start", "--timeout", "3")));
    assertEquals(0, s.code());
    assertTrue(s.out().contains("being reorganised"), s.out());
  }

  @Test
  void freshen_fast_forwards_only_what_is_safe_and_reports_each_outcome() throws Exception {
    onboard(
        "anca",
        ANCA_TOKEN,
        "anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb],"
            + " code_layout: workspace, repos: [tripit]}");
    site.ws("reconcile").ok();
    // a second clone that will be detached, one that will be dirty, infra behind and clean
    box.asUser(
            "anca",
            "cd ~/code && git -c credential.helper=store clone -q http://127.0.0.1:"
                + server.port()
                + "/viktor/tripit.git detached"
                + " && cd detached && git checkout -q --detach HEAD")
        .ok();
    box.asUser("anca", "echo dirty >> ~/code/tripit/README.md").ok();
    Fixtures.infraCommit(fixtures, "stacks/new/main.tf", "new\n");
    Fixtures.infraCommit(fixtures, "stacks/new2/main.tf", "new2\n");
    Sandbox.Result r = site.ws("freshen");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("repo=code/infra result=fast-forwarded(2)"), r.out());
    // dirty but with nothing to take: there is nothing to hold back
    assertTrue(r.out().contains("repo=code/tripit result=up-to-date"), r.out());
    assertTrue(r.out().contains("repo=code/detached result=detached"), r.out());
    assertEquals(
        "new2", box.exec("cat", "/home/anca/code/infra/stacks/new2/main.tf").ok().out().strip());

    assertEquals("fresh", cloneState("code/infra"), "status before the divergence");

    // diverged: a local commit and a new upstream commit; dirty: upstream ahead of a dirty tree
    box.asUser(
            "anca",
            "cd ~/code/infra && echo l > local.txt && git add local.txt && git -c user.name=a -c user.email=a@x commit -q -m local")
        .ok();
    Fixtures.infraCommit(fixtures, "stacks/new3/main.tf", "new3\n");
    Fixtures.commit(fixtures, "tripit", "CHANGES.md", "upstream\n");
    String head = box.asUser("anca", "cd ~/code/infra && git rev-parse HEAD").ok().out();
    String tripitHead = box.asUser("anca", "cd ~/code/tripit && git rev-parse HEAD").ok().out();
    Sandbox.Result again = site.ws("freshen", "--user", "anca");
    assertTrue(again.out().contains("repo=code/infra result=diverged"), again.out());
    assertTrue(again.out().contains("repo=code/tripit result=dirty"), again.out());
    assertEquals(
        tripitHead,
        box.asUser("anca", "cd ~/code/tripit && git rev-parse HEAD").ok().out(),
        "dirty tree not moved");
    assertTrue(
        box.exec("cat", "/home/anca/code/tripit/README.md").ok().out().contains("dirty"),
        "dirty tree untouched");
    assertEquals(
        head,
        box.asUser("anca", "cd ~/code/infra && git rev-parse HEAD").ok().out(),
        "never merged or reset");
    // status says so, read as anca from her clone: a diverged clone needs a person
    Sandbox.Result status = site.ws("status", "--user", "anca");
    assertEquals(1, status.code(), "a diverged clone makes the host unhealthy: " + status.both());
    assertTrue(status.out().contains("code/infra: diverged"), status.out());
    assertEquals("diverged", cloneState("code/infra"));

    // freshen works on the roster the host was last reconciled to, not on a newer commit:
    // a user committed away (not yet cut) still has an account, and is still freshened
    roster.commitRoster("users: {}\n");
    Sandbox.Result applied = site.ws("freshen", "--user", "anca");
    assertTrue(applied.out().contains("user=anca action=freshen repo=code/tripit"), applied.both());
  }

  @Test
  void a_remote_that_never_answers_times_out_within_the_bound_and_session_start_never_blocks()
      throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // accept and never answer
                  }
                } catch (Exception e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      onboard(
          "anca",
          ANCA_TOKEN,
          "anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}");
      site.ws("reconcile").ok();
      box.asUser(
              "anca",
              "cd ~/code && git remote add silent http://127.0.0.1:"
                  + silent.getLocalPort()
                  + "/x.git")
          .ok();
      long start = System.nanoTime();
      Sandbox.Result r = site.ws("freshen");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(r.out().contains("repo=code result=timed-out"), r.both());
      assertEquals(1, r.code());
      assertTrue(seconds < 15, "freshen took " + seconds + "s with a 3s bound");

      start = System.nanoTime();
      Sandbox.Result s =
          box.asUser(
              "anca", String.join(" ", box.workstationArgv("session-start", "--timeout", "2")));
      long ms = (System.nanoTime() - start) / 1_000_000L;
      assertEquals(0, s.code(), s.both());
      assertTrue(ms < 6000, "session-start took " + ms + " ms with a 2 s bound");
      for (Socket sock : held) {
        sock.close();
      }
    }
  }

  String kind(String path) {
    Sandbox.Result r = box.exec("stat", "-c", "%F", path);
    if (r.code() != 0) {
      return "absent";
    }
    String type = r.out().strip();
    if (type.equals("directory")) {
      return box.exec("test", "-d", path + "/.git").code() == 0 ? "clone" : "dir";
    }
    return type;
  }

  /** The pid of the sleep that runuser started (the process whose cwd we follow). */
  /** The pid, as seen inside the sandbox's PID namespace, of the last process runuser started. */
  long childPid(Process runuser) {
    return box.nsPid(
        runuser.descendants().reduce((a, b) -> b).map(ProcessHandle::pid).orElse(runuser.pid()));
  }

  /** anca's clone at {@code rel} as {@code status --json} shows it: its state, ahead, behind. */
  String cloneState(String rel) throws Exception {
    Sandbox.Result r = site.ws("--json", "status", "--user", "anca");
    Object users = JsonReader.object("status", r.out()).get("users");
    Object anca = users instanceof Map<?, ?> u ? u.get("anca") : null;
    Object clones = anca instanceof Map<?, ?> a ? a.get("clones") : null;
    Object clone = clones instanceof Map<?, ?> c ? c.get(rel) : null;
    if (!(clone instanceof Map<?, ?> m)) {
      throw new AssertionError("no " + rel + " for anca in status --json:\n" + r.out());
    }
    String state = String.valueOf(m.get("state"));
    if (state.equals("diverged")) {
      assertEquals("1/1", m.get("ahead") + "/" + m.get("behind"), r.out());
    }
    return state;
  }
}
