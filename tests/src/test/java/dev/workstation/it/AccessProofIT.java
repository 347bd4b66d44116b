package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user gets a shared remote's new objects from root's mirror only after the server accepted that
 * user's own credentials with the request a fetch by that user makes (the smart ref advertisement)
 * — never on the strength of another path the server may guard differently. Here the server serves
 * every repository's dumb-HTTP {@code HEAD} file to any user it knows, but keeps {@code info/refs}
 * per repository: a user whose access was revoked must get nothing, in the hourly freshen and
 * through the session service alike.
 */
class AccessProofIT extends SiteTest {
  static final String ANCA_TOKEN = "tok-anca-3c1f2e9d0b8a7465";
  static final String EMO_TOKEN = "tok-emo-7d6c5b4a39281706";

  HttpsGitServer server;
  Path fixtures;
  Process service;

  @BeforeEach
  void setUp() throws Exception {
    server = site.closeAfter(HttpsGitServer.start(0, true));
    server.trustIn(box);
    fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    server
        .serve("infra.git", infra, false)
        .serve("viktor/tripit.git", Fixtures.plainRepo(fixtures, "tripit"), false)
        .user("anca", ANCA_TOKEN, "infra.git", "viktor/tripit.git")
        .user("emo", EMO_TOKEN, "infra.git", "viktor/tripit.git");
    site.configure(
        "infra:\n  clone_url: "
            + server.url("infra.git")
            + "\n  clone_credentials: user\n  branch: master\n"
            + "repos:\n  base_url: "
            + server.base()
            + "/viktor\n"
            + "freshen: {jobs: 1, timeout: 20s, session_timeout: 20s}\n");
    roster.commitRoster(
        "users:\n"
            + "  anca: {authentik_user: anca, k8s_user: anca, tier: power-user,"
            + " code_layout: workspace, repos: [tripit]}\n"
            + "  emo: {authentik_user: emo, k8s_user: emo, tier: power-user,"
            + " code_layout: workspace, repos: [tripit]}\n");
    site.ws("reconcile", "--no-freshen");
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

  String head(String user) {
    return box.asUser(user, "git -C ~/code/tripit rev-parse HEAD").ok().out().strip();
  }

  boolean holds(String user, String commit) {
    return box.asUser(
            user, "git -C ~/code/tripit cat-file -e " + commit + " 2>/dev/null && echo yes")
        .out()
        .contains("yes");
  }

  @Test
  void the_server_really_serves_head_to_a_user_it_refuses_the_advertisement() throws Exception {
    server.revoke("emo", "viktor/tripit.git");
    String base = server.url("viktor/tripit.git");
    String head =
        box.sh("curl -s -o /dev/null -w '%{http_code}' -u emo:" + EMO_TOKEN + " " + base + "/HEAD")
            .out();
    String refs =
        box.sh(
                "curl -s -o /dev/null -w '%{http_code}' -u emo:"
                    + EMO_TOKEN
                    + " '"
                    + base
                    + "/info/refs?service=git-upload-pack'")
            .out();
    assertEquals("200", head, "the fixture leaves HEAD unguarded");
    assertEquals("401", refs, "and guards the advertisement");
  }

  @Test
  void a_revoked_user_gets_nothing_though_the_server_serves_them_head() throws Exception {
    server.revoke("emo", "viktor/tripit.git");
    String before = head("emo");
    Fixtures.commit(fixtures, "tripit", "c.txt", "c\n");
    String fresh = Fixtures.git(fixtures.resolve("tripit.git"), "rev-parse", "HEAD").strip();
    // one user at a time, in roster order: anca's fetch puts the new commit in root's mirror first
    Sandbox.Result r = site.ws("freshen");
    assertTrue(
        r.out().contains("user=anca action=freshen repo=code/tripit result=fast-forwarded(1)"),
        r.both());
    assertTrue(
        r.out().contains("user=emo action=freshen repo=code/tripit result=\"fetch-failed(")
            && r.out().contains(": not authorized)\""),
        r.both());
    assertEquals(before, head("emo"), "emo's clone did not move");
    assertFalse(holds("emo", fresh), "the new commit's objects never reached emo");

    // and through the resident service: a second commit, emo asks first this time
    startService();
    Fixtures.commit(fixtures, "tripit", "d.txt", "d\n");
    String second = Fixtures.git(fixtures.resolve("tripit.git"), "rev-parse", "HEAD").strip();
    assertTrue(sessionStart("anca").out().contains("code/tripit: fast-forwarded(1)"));
    String s = sessionStart("emo").out();
    assertTrue(s.contains("code/tripit: fetch-failed(") && s.contains(": not authorized)"), s);
    assertFalse(holds("emo", second), "nor through the service");
    assertEquals(before, head("emo"));
  }

  Sandbox.Result sessionStart(String user) {
    return box.asUser(
        user,
        "curl -s --unix-socket /run/workstation/session.sock http://workstation/session-start");
  }

  void startService() throws Exception {
    service =
        box.start(
            box.workstationArgv("--config=" + site.config(), "session-service", "--idle", "300"));
    Poll.until(
        Duration.ofSeconds(20),
        "the service listens",
        () -> box.sh("test -S /run/workstation/session.sock").code() == 0);
  }
}
