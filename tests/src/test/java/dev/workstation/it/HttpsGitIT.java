package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clones, the hourly freshen and session-start against git served the way a real forge serves it:
 * HTTPS from nginx + fcgiwrap + {@code git http-backend}, a throwaway CA trusted only inside the
 * sandbox (by git and by the JVM), basic auth on every repository — infra included ({@code
 * infra.clone_credentials: user}). Each user's clones must end at the server's heads, a private
 * repository must never reach a user the server refuses, tokens must never reach {@code
 * .git/config}, argv or output, and dirty trees are never touched.
 */
class HttpsGitIT extends SiteTest {
  static final String ANCA_TOKEN = "tok-anca-5f3a9c2e1d7b4086";
  static final String EMO_TOKEN = "tok-emo-0b8e6d4c2a197f35";

  HttpsGitServer server;
  Path fixtures;
  Path infra;
  String config;
  Process service;

  @BeforeEach
  void setUp() throws Exception {
    server = site.closeAfter(HttpsGitServer.start(0));
    server.trustIn(box);
    fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    infra = Fixtures.infraRepo(fixtures);
    server
        .serve("infra.git", infra, false)
        .serve("viktor/infra.git", infra, false)
        .serve("viktor/tripit.git", Fixtures.plainRepo(fixtures, "tripit"), false)
        .serve("viktor/secretproj.git", Fixtures.plainRepo(fixtures, "secretproj"), false)
        .user("anca", ANCA_TOKEN, "infra.git", "viktor/infra.git", "viktor/tripit.git")
        .user(
            "emo",
            EMO_TOKEN,
            "infra.git",
            "viktor/infra.git",
            "viktor/tripit.git",
            "viktor/secretproj.git");
    config =
        site.configure(
            "infra:\n  clone_url: "
                + server.url("infra.git")
                + "\n  clone_credentials: user\n  push_remote: forgejo\n  push_url: "
                + server.url("viktor/infra.git")
                + "\n  branch: master\n"
                + "repos:\n  base_url: "
                + server.base()
                + "/viktor\n"
                + "freshen: {jobs: 4, timeout: 20s, session_timeout: 20s}\n");
    roster.commitRoster(
        "users:\n"
            + "  anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner,"
            + " namespaces: [pb], code_layout: workspace, repos: [tripit]}\n"
            + "  emo: {authentik_user: emo, k8s_user: emo, tier: power-user,"
            + " code_layout: workspace, repos: [tripit, secretproj]}\n");
    site.ws("reconcile", "--no-freshen"); // accounts; clones wait for the tokens
    token("anca", ANCA_TOKEN);
    token("emo", EMO_TOKEN);
    site.ws("reconcile", "--no-freshen").ok();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.destroy();
      service.waitFor(10, TimeUnit.SECONDS);
    }
  }

  void token(String user, String token) {
    box.gitCredentials(user, "https", server.port(), token);
  }

  String head(String user, String clone) {
    return box.asUser(user, "git -C ~/code/" + clone + " rev-parse HEAD").ok().out().strip();
  }

  String serverHead(String repo) throws Exception {
    return Fixtures.git(fixtures.resolve(repo + ".git"), "rev-parse", "HEAD").strip();
  }

  void assertAtServerHeads(String user, String... clones) throws Exception {
    for (String clone : clones) {
      assertEquals(serverHead(clone), head(user, clone), user + "'s " + clone);
      assertEquals(
          "",
          box.asUser(user, "git -C ~/code/" + clone + " status --porcelain").ok().out(),
          user + "'s " + clone + " is clean after the fast-forward");
    }
  }

  @Test
  void clones_made_over_https_with_each_users_token_hold_the_servers_heads_and_ciphertext()
      throws Exception {
    assertAtServerHeads("anca", "infra", "tripit");
    assertAtServerHeads("emo", "infra", "tripit", "secretproj");
    assertEquals(
        "\\0 G I T C R Y P T \\0",
        box.sh("head -c 10 /home/anca/code/infra/secrets/vault.env | od -An -c | tr -s ' '")
            .ok()
            .out()
            .strip(),
        "the locked clone keeps git-crypt's ciphertext");
  }

  @Test
  void the_hourly_freshen_fast_forwards_every_clone_to_the_servers_heads() throws Exception {
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"z\" {}\n");
    Fixtures.commit(fixtures, "tripit", "a.txt", "new\n");
    Sandbox.Result r = site.ws("freshen");
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out().contains("user=anca action=freshen repo=code/infra result=fast-forwarded(1)"),
        r.out());
    assertTrue(
        r.out().contains("user=emo action=freshen repo=code/tripit result=fast-forwarded(1)"),
        r.out());
    assertAtServerHeads("anca", "infra", "tripit");
    assertAtServerHeads("emo", "infra", "tripit", "secretproj");
    assertEquals(
        serverHead("infra"),
        box.asUser("anca", "git -C ~/code/infra rev-parse refs/remotes/forgejo/master")
            .ok()
            .out()
            .strip(),
        "both infra remotes were fetched");
    Sandbox.Result again = site.ws("freshen");
    assertEquals(0, again.code(), again.both());
    assertFalse(again.out().contains("fast-forwarded"), again.out());
    assertEquals(5, again.out().lines().filter(l -> l.contains("result=up-to-date")).count());
  }

  @Test
  void session_start_over_https_reaches_the_servers_heads_with_and_without_the_service()
      throws Exception {
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"one\" {}\n");
    Sandbox.Result inProcess = sessionStart("anca");
    assertTrue(inProcess.out().contains("code/infra: fast-forwarded(1)"), inProcess.both());
    assertAtServerHeads("anca", "infra", "tripit");

    startService();
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"two\" {}\n");
    Fixtures.commit(fixtures, "tripit", "b.txt", "b\n");
    Sandbox.Result served = sessionStart("anca");
    assertTrue(served.out().contains("code/infra: fast-forwarded(1)"), served.both());
    assertTrue(served.out().contains("code/tripit: fast-forwarded(1)"), served.both());
    assertAtServerHeads("anca", "infra", "tripit");
    assertTrue(
        serviceLog().contains("user=anca action=session-freshen status=200"),
        "the resident service did it: " + serviceLog());
    assertFalse(
        head("emo", "infra").equals(serverHead("infra")),
        "anca's session-start touched only anca's clones");
  }

  @Test
  void a_private_repo_never_reaches_a_user_the_server_refuses() throws Exception {
    // emo loses tripit; anca keeps it: the mirror holds tripit's new commit after anca's fetch
    server.revoke("emo", "viktor/tripit.git");
    String before = head("emo", "tripit");
    Fixtures.commit(fixtures, "tripit", "c.txt", "c\n");
    // one user at a time, in roster order: anca fetches tripit into root's mirror first, and emo
    // must still prove access with their own credentials (their own advertisement) — and is refused
    Sandbox.Result r = site.ws("freshen", "--jobs", "1");
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.out().contains("user=anca action=freshen repo=code/tripit result=fast-forwarded(1)"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "user=emo action=freshen repo=code/tripit"
                    + " result=\"fetch-failed(forgejo: not authorized)\""),
        r.out());
    assertEquals(before, head("emo", "tripit"), "emo's clone did not move");
    String newCommit = serverHead("tripit");
    assertTrue(
        box.asUser(
                "emo",
                "git -C ~/code/tripit cat-file -e " + newCommit + " 2>/dev/null || echo absent")
            .ok()
            .out()
            .contains("absent"),
        "the new commit's objects never reached emo");
    assertTrue(
        box.asUser("emo", "ls /var/lib/workstation/mirrors 2>&1 || true")
            .ok()
            .out()
            .contains("Permission denied"),
        "root's mirrors are root's alone");
    // and through the resident service too
    startService();
    Sandbox.Result s = sessionStart("emo");
    assertTrue(s.out().contains("code/tripit: fetch-failed(forgejo: not authorized)"), s.both());
    assertEquals(before, head("emo", "tripit"));
  }

  @Test
  void dirty_trees_are_fetched_but_never_touched() throws Exception {
    box.asUser(
            "anca", "echo mine >> ~/code/infra/README.md && echo scratch > ~/code/tripit/notes.txt")
        .ok();
    String infraBefore = head("anca", "infra");
    String tripitBefore = head("anca", "tripit");
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"dirty\" {}\n");
    Fixtures.commit(fixtures, "tripit", "d.txt", "d\n");
    Sandbox.Result r = site.ws("freshen", "--user", "anca");
    assertTrue(r.out().contains("repo=code/infra result=dirty"), r.out());
    assertTrue(r.out().contains("repo=code/tripit result=dirty"), r.out());
    assertEquals(infraBefore, head("anca", "infra"));
    assertEquals(tripitBefore, head("anca", "tripit"));
    assertEquals(
        serverHead("infra"),
        box.asUser("anca", "git -C ~/code/infra rev-parse origin/master").ok().out().strip(),
        "fetched, though");
    assertTrue(box.exec("cat", "/home/anca/code/infra/README.md").ok().out().endsWith("mine\n"));
    assertEquals("scratch\n", box.exec("cat", "/home/anca/code/tripit/notes.txt").ok().out());
  }

  @Test
  void tokens_never_reach_git_config_argv_or_output() throws Exception {
    Path seen = box.dir().resolve("argv-seen");
    // every process's argv, sampled while freshen and session-start run
    Process sampler =
        box.start(
            List.of(
                "/bin/sh",
                "-c",
                "while :; do cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' ' >> "
                    + seen
                    + "; echo >> "
                    + seen
                    + "; done"));
    List<String> outputs = new ArrayList<>();
    try {
      Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"t\" {}\n");
      outputs.add(site.ws("freshen").both());
      outputs.add(site.ws("--json", "freshen").both());
      startService();
      Fixtures.commit(fixtures, "tripit", "t.txt", "t\n");
      outputs.add(sessionStart("anca").both());
      outputs.add(serviceLog());
    } finally {
      sampler.destroy();
      sampler.waitFor(5, TimeUnit.SECONDS);
    }
    String configs =
        box.sh(
                "cat /home/*/code/*/.git/config /home/*/code/*/.git/FETCH_HEAD 2>/dev/null; find /var/lib/workstation -type f -name config -exec cat {} +")
            .out();
    String argv = Files.readString(seen);
    assertTrue(
        argv.contains("session-service") && argv.contains("fetch --quiet --prune"),
        "the sampler saw the service and the users' git fetching a bundle");
    assertFalse(
        argv.contains("/staging/") || argv.contains(".bundle"),
        "no staged bundle's path in anyone's argv (the user's git reads it on stdin)");
    for (String token : List.of(ANCA_TOKEN, EMO_TOKEN)) {
      assertFalse(configs.contains(token), "a token in a .git/config or FETCH_HEAD");
      assertFalse(argv.contains(token), "a token in some process's argv");
      for (String out : outputs) {
        assertFalse(out.contains(token), "a token in output: " + out);
      }
    }
  }

  @Test
  void a_clone_with_a_remote_the_site_does_not_mirror_is_freshened_by_its_users_worker()
      throws Exception {
    // anca adds a remote of her own (the server lets her read it; the site never mirrors it)
    server.user(
        "anca",
        ANCA_TOKEN,
        "infra.git",
        "viktor/infra.git",
        "viktor/tripit.git",
        "viktor/secretproj.git");
    box.asUser(
            "anca",
            "git -C ~/code/tripit remote add mine "
                + server.url("viktor/secretproj.git")
                + " && git -C ~/code/tripit fetch -q mine")
        .ok();
    Fixtures.commit(fixtures, "tripit", "e.txt", "e\n");
    Fixtures.commit(fixtures, "secretproj", "f.txt", "f\n");
    Sandbox.Result r = site.ws("freshen", "--user", "anca");
    assertTrue(r.out().contains("repo=code/tripit result=fast-forwarded(1)"), r.out() + r.err());
    assertAtServerHeads("anca", "tripit");
    assertEquals(
        serverHead("secretproj"),
        box.asUser("anca", "git -C ~/code/tripit rev-parse mine/main").ok().out().strip(),
        "her own remote was fetched too, by her worker");
    startService();
    Fixtures.commit(fixtures, "tripit", "g.txt", "g\n");
    Sandbox.Result s = sessionStart("anca");
    assertTrue(s.out().contains("code/tripit: fast-forwarded(1)"), s.both());
    assertTrue(
        serviceLog().contains("user=anca action=session-freshen status=422"),
        "the service left her clones to her own session: " + serviceLog());
  }

  Sandbox.Result sessionStart(String user) {
    return box.asUser(
        user, String.join(" ", box.workstationArgv("--config=" + config, "session-start")));
  }

  void startService() throws Exception {
    List<String> argv =
        new ArrayList<>(
            box.workstationArgv("--config=" + config, "session-service", "--idle", "300"));
    service = box.start(argv);
    Poll.until(
        Duration.ofSeconds(10),
        "the service listens",
        () -> box.sh("test -S /run/workstation/session.sock").code() == 0);
  }

  String serviceLog() throws Exception {
    // the service's stdout so far, without waiting for it to end
    byte[] b = new byte[service.getInputStream().available()];
    int n = service.getInputStream().read(b);
    serviceOut.append(new String(b, 0, Math.max(0, n), java.nio.charset.StandardCharsets.UTF_8));
    return serviceOut.toString();
  }

  final StringBuilder serviceOut = new StringBuilder();
}
