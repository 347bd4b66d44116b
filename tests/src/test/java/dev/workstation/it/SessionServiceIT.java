package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resident session service as a session launch meets it: the deployed launcher asks it with
 * {@code curl} over the Unix socket (no JVM in the session), falls back to {@code workstation
 * session-start} when there is no socket, and the service answers every caller the kernel names —
 * refusing hostile requests, bounding what one user can hold, refreshing Config base links through
 * the user's worker only when something changed, and doing root's freshen of everyone warm.
 */
class SessionServiceIT extends SiteTest {
  static final String SOCKET = "/run/workstation/session.sock";

  GitHttpServer server;
  Path fixtures;
  Path base;
  Path bin;
  Process service;
  final StringBuilder serviceOut = new StringBuilder();

  @BeforeEach
  void setUp() throws Exception {
    server = site.closeAfter(new GitHttpServer());
    fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    server
        .serve("infra.git", infra, true)
        .serve("viktor/tripit.git", Fixtures.plainRepo(fixtures, "tripit"), false)
        .serve("viktor/extra.git", Fixtures.plainRepo(fixtures, "extra"), false)
        .user("anca", "tok-anca", "viktor/tripit.git", "viktor/extra.git")
        .user("emo", "tok-emo", "viktor/tripit.git");
    base = box.dir().resolve("base");
    Files.createDirectories(base.resolve("skills/a"));
    Files.writeString(base.resolve("skills/a/SKILL.md"), "a\n");
    box.sh("chmod -R a+rX " + base).ok();
    Path launcher =
        Path.of(System.getProperty("workstation.repo", ".."))
            .resolve("managed-config/start-claude.sh")
            .toAbsolutePath()
            .normalize();
    site.configure(
        "infra:\n  clone_url: "
            + server.url("infra.git")
            + "\n  branch: master\n"
            + "repos:\n  base_url: "
            + server.base()
            + "/viktor\n"
            + "config_base:\n  dir: "
            + base
            + "\n  kinds: [skills]\n"
            + "launcher:\n  source: "
            + launcher
            + "\n"
            + "freshen: {jobs: 2, timeout: 20s, session_timeout: 20s}\n");
    roster.commitRoster(
        "users:\n"
            + "  anca: {authentik_user: anca, k8s_user: anca, tier: power-user,"
            + " code_layout: workspace, repos: [tripit]}\n"
            + "  emo: {authentik_user: emo, k8s_user: emo, tier: power-user,"
            + " code_layout: workspace, repos: [tripit]}\n");
    site.ws("reconcile", "--no-freshen");
    token("anca", "tok-anca");
    token("emo", "tok-emo");
    site.ws("reconcile", "--no-freshen").ok();
    bin = fakeBin();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.destroy();
      service.waitFor(10, TimeUnit.SECONDS);
    }
  }

  void token(String user, String token) {
    box.gitCredentials(user, "http", server.port(), token);
  }

  /**
   * A {@code claude} that only says it ran, and a {@code workstation} that notes each call (the
   * launcher's in-process fallback) before running the real one: both on the launch's PATH.
   */
  Path fakeBin() throws Exception {
    Path dir = box.dir().resolve("bin");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("claude"), "#!/bin/sh\necho claude ran\n");
    StringBuilder ws =
        new StringBuilder("#!/bin/sh\necho fallback >> \"$HOME/.fallback-calls\"\nexec");
    for (String a : box.workstationArgv("--config=" + site.config())) {
      ws.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    Files.writeString(dir.resolve("workstation"), ws.append(" \"$@\"\n").toString());
    box.sh("chmod 755 " + dir + "/claude " + dir + "/workstation").ok();
    return dir;
  }

  /** The deployed ~/start-claude.sh, as the user starts a session. */
  Sandbox.Result launch(String user) {
    return box.asUser(user, "PATH=" + bin + ":$PATH sh ~/start-claude.sh </dev/null");
  }

  boolean fellBack(String user) {
    return box.sh("test -s /home/" + user + "/.fallback-calls").code() == 0;
  }

  String head(String user, String clone) {
    return box.asUser(user, "git -C ~/code/" + clone + " rev-parse HEAD").ok().out().strip();
  }

  String serverHead(String repo) throws Exception {
    return Fixtures.git(fixtures.resolve(repo + ".git"), "rev-parse", "HEAD").strip();
  }

  @Test
  void the_launcher_asks_the_service_with_curl_and_starts_no_jvm() throws Exception {
    startService();
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"one\" {}\n");
    Fixtures.commit(fixtures, "tripit", "a.txt", "a\n");
    Sandbox.Result r = launch("anca");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("/home/anca/code/infra: fast-forwarded(1)"), r.both());
    assertTrue(r.out().contains("/home/anca/code/tripit: fast-forwarded(1)"), r.both());
    assertTrue(r.out().contains("claude ran"), r.both());
    assertEquals(serverHead("infra"), head("anca", "infra"));
    assertEquals(serverHead("tripit"), head("anca", "tripit"));
    assertFalse(fellBack("anca"), "no workstation JVM in the session");
    assertTrue(serviceLog().contains("user=anca action=session-freshen status=200"), serviceLog());
    assertFalse(head("emo", "infra").equals(serverHead("infra")), "only the caller's clones");
  }

  @Test
  void without_the_socket_the_launcher_does_it_in_process_and_starts_the_session()
      throws Exception {
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"two\" {}\n");
    Sandbox.Result r = launch("anca");
    assertEquals(0, r.code(), r.both());
    assertTrue(fellBack("anca"), "the in-process session-start ran");
    assertTrue(r.out().contains("code/infra: fast-forwarded(1)"), r.both());
    assertTrue(r.out().contains("claude ran"), r.both());
    assertEquals(serverHead("infra"), head("anca", "infra"));
  }

  @Test
  void a_user_the_service_does_not_serve_gets_the_in_process_session_start() throws Exception {
    startService();
    // a remote of anca's own makes her clones a shape the service leaves to her (422)
    box.asUser("anca", "git -C ~/code/tripit remote add mine " + server.url("viktor/extra.git"))
        .ok();
    Fixtures.commit(fixtures, "tripit", "b.txt", "b\n");
    Sandbox.Result r = launch("anca");
    assertTrue(fellBack("anca"), r.both());
    assertTrue(r.out().contains("code/tripit: fast-forwarded(1)"), r.both());
    assertTrue(serviceLog().contains("user=anca action=session-freshen status=422"), serviceLog());
  }

  @Test
  void links_are_refreshed_by_the_users_worker_only_when_something_changed() throws Exception {
    startService();
    launch("anca");
    assertTrue(box.sh("test -L /home/anca/.claude/skills/a").code() == 0, "linked");
    launch("anca");
    assertTrue(
        serviceLog().contains("user=anca action=session-freshen status=200 links=unchanged"),
        "a second launch with nothing new starts no worker: " + serviceLog());
    Files.createDirectories(base.resolve("skills/b"));
    box.sh("chmod -R a+rX " + base).ok();
    Sandbox.Result r = launch("anca");
    assertTrue(r.out().contains("links: link ~/.claude/skills/b"), r.both());
    assertTrue(box.sh("test -L /home/anca/.claude/skills/b").code() == 0, "the new skill is there");
    // the user removes a link: the next launch notices (their directory changed) and restores it
    box.asUser("anca", "rm ~/.claude/skills/a").ok();
    launch("anca");
    assertTrue(box.sh("test -L /home/anca/.claude/skills/a").code() == 0, "restored");
  }

  @Test
  void hostile_requests_are_refused_and_the_service_keeps_answering() throws Exception {
    startService();
    assertEquals("405", status("anca", "-X POST http://w/session-start"));
    assertEquals("404", status("anca", "http://w/etc/passwd"));
    assertEquals("400", status("anca", "'http://w/session-start?user=root'"));
    assertEquals(
        "431",
        status(
            "anca", "-H \"X-Big: $(head -c 9000 /dev/zero | tr '\\0' a)\" http://w/session-start"));
    assertEquals(
        "403", status("anca", "'http://w/freshen?config=/etc/x'"), "only root freshens all");
    assertEquals("403", status("root", "http://w/session-start"), "root has no session here");
    // raw garbage and a request cut short: the service answers 400 or times the connection out
    String garbage =
        box.asUser(
                "anca",
                "printf 'GET /session-start HTTP/1.1\\nHost: x\\n\\n' | perl -MIO::Socket::UNIX -e '"
                    + "my $s = IO::Socket::UNIX->new(Peer => \""
                    + SOCKET
                    + "\") or die; "
                    + "local $/; print $s <STDIN>; shutdown($s, 1); print <$s>'")
            .out();
    assertTrue(garbage.startsWith("HTTP/1.1 400 "), garbage);
    assertEquals("200", status("anca", "http://w/session-start"), "and still serves");
  }

  /**
   * The slowloris of issue 24: emo opens a thousand connections to the service and sends nothing.
   * The service holds four of them (each until its read deadline) and refuses every other on the
   * spot, so emo holds no worker and anca is answered while emo's connections are open. Counted,
   * not timed: how long anca waits meanwhile is bench/run's {@code session-start-file-held}.
   */
  @Test
  void a_thousand_idle_connections_from_one_user_hold_four_and_no_worker() throws Exception {
    startService();
    Process attacker =
        box.start(
            List.of(
                "runuser",
                "-u",
                "emo",
                "--",
                "perl",
                "-MIO::Socket::UNIX",
                "-e",
                "$| = 1; my @held; for (1..1000) { my $s = IO::Socket::UNIX->new(Peer => \""
                    + SOCKET
                    + "\") or last; push @held, $s; } print scalar(@held), \"\\n\"; <STDIN>;"
                    + " my %seen; for my $s (@held) { my $l = <$s> // \"\";"
                    + " my ($c) = $l =~ m{^HTTP/1.1 (\\d{3}) }; $seen{$c // \"none\"}++; }"
                    + " print join(\" \", map { \"$_=$seen{$_}\" } sort keys %seen), \"\\n\";"));
    try (var out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(attacker.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("1000", out.readLine(), "emo opened a thousand connections");
      Sandbox.Result anca =
          box.asUser(
              "anca",
              "curl -s -w '%{http_code}' --max-time 60 --unix-socket "
                  + SOCKET
                  + " http://w/session-start");
      assertTrue(anca.out().endsWith("200"), "anca answered meanwhile: " + anca.both());
      attacker.getOutputStream().write('\n');
      attacker.getOutputStream().flush();
      java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
      for (String kv : out.readLine().split(" ")) {
        seen.put(
            kv.substring(0, kv.indexOf('=')), Integer.parseInt(kv.substring(kv.indexOf('=') + 1)));
      }
      // four held at a time, each until its 2-second read deadline: unless opening a thousand
      // connections took emo many seconds, exactly four (a few more if it did), never a worker
      assertEquals(1000, seen.values().stream().mapToInt(Integer::intValue).sum(), seen.toString());
      assertTrue(seen.getOrDefault("408", 0) >= 4, "the first four held, then timed out: " + seen);
      assertTrue(seen.getOrDefault("503", 0) >= 980, "the rest refused on the spot: " + seen);
      assertEquals(java.util.Set.of("408", "503"), seen.keySet(), seen.toString());
    } finally {
      attacker.destroy();
      attacker.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void roots_freshen_of_everyone_is_done_by_the_running_service() throws Exception {
    startService();
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"three\" {}\n");
    Sandbox.Result r = site.ws("freshen");
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out().contains("user=anca action=freshen repo=code/infra result=fast-forwarded(1)"),
        r.out());
    assertTrue(
        r.out().contains("user=emo action=freshen repo=code/infra result=fast-forwarded(1)"),
        r.out());
    assertTrue(serviceLog().contains("user=root action=service-freshen status=200"), serviceLog());
    assertEquals(serverHead("infra"), head("emo", "infra"));
    // a config the service did not load: done in this process, the same way
    Path other = box.dir().resolve("other.yaml");
    Files.copy(Path.of(site.config()), other);
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"four\" {}\n");
    Sandbox.Result again = box.ws(other.toString(), "--json", "freshen");
    assertEquals(0, again.code(), again.both());
    assertTrue(again.out().matches("(?s).*\"outcome\": *\"fast-forwarded\\(1\\)\".*"), again.out());
    assertTrue(serviceLog().contains("user=root action=service-freshen status=409"), serviceLog());
  }

  /** The HTTP status the service answers {@code user}'s curl with these arguments. */
  String status(String user, String curlArgs) {
    String run =
        "curl -s -o /dev/null -w '%{http_code}' --max-time 10 --unix-socket "
            + SOCKET
            + " "
            + curlArgs;
    return (user.equals("root") ? box.sh(run) : box.asUser(user, run)).out().strip();
  }

  void startService() throws Exception {
    service =
        box.start(
            box.workstationArgv("--config=" + site.config(), "session-service", "--idle", "300"));
    Poll.until(
        Duration.ofSeconds(30),
        "the service listens",
        () -> box.sh("test -S " + SOCKET).code() == 0);
  }

  String serviceLog() throws IOException {
    byte[] b = new byte[service.getInputStream().available()];
    int n = service.getInputStream().read(b);
    serviceOut.append(new String(b, 0, Math.max(0, n), StandardCharsets.UTF_8));
    return serviceOut.toString();
  }
}
