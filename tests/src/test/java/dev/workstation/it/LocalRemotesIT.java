package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A site whose remotes are local repositories ({@code file://} and plain paths), owned by root as
 * an admin keeps them: the session service and the hourly freshen ask them with the user's own git
 * (which must trust exactly those paths, since git refuses another owner's repository) and let the
 * user's git fetch them; a repository the user may not read shows as such and nothing moves.
 */
class LocalRemotesIT extends SiteTest {
  Path fixtures;
  Process service;

  @BeforeEach
  void setUp() throws Exception {
    fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    Fixtures.plainRepo(fixtures, "tripit");
    box.sh("chmod -R a+rX " + fixtures).ok();
    site.configure(
        "infra:\n  clone_url: file://"
            + infra
            + "\n  push_remote: forgejo\n  push_url: "
            + infra
            + "\n  branch: master\n"
            + "repos:\n  base_url: file://"
            + fixtures
            + "\nfreshen: {jobs: 2, timeout: 20s, session_timeout: 20s}\n");
    roster.commitRoster(
        "users:\n"
            + "  anca: {authentik_user: anca, k8s_user: anca, tier: power-user,"
            + " code_layout: workspace, repos: [tripit]}\n"
            + "  emo: {authentik_user: emo, k8s_user: emo, tier: power-user,"
            + " code_layout: workspace, repos: [tripit]}\n");
    site.ws("reconcile", "--no-freshen").ok();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.destroy();
      service.waitFor(10, TimeUnit.SECONDS);
    }
  }

  String head(String user, String clone) {
    return box.asUser(user, "git -C ~/code/" + clone + " rev-parse HEAD").ok().out().strip();
  }

  String serverHead(String repo) throws Exception {
    return Fixtures.git(fixtures.resolve(repo + ".git"), "rev-parse", "HEAD").strip();
  }

  Sandbox.Result ask(String user) {
    return box.asUser(
        user, "curl -s --unix-socket /run/workstation/session.sock http://w/session-start");
  }

  @Test
  void the_service_fetches_local_remotes_as_the_user_and_fast_forwards() throws Exception {
    startService();
    String first = ask("anca").out();
    assertTrue(first.contains("/home/anca/code/infra: up-to-date"), first);
    assertTrue(first.contains("/home/anca/code/tripit: up-to-date"), first);
    Fixtures.infraCommit(fixtures, "stacks/app/main.tf", "resource \"x\" \"local\" {}\n");
    Fixtures.commit(fixtures, "tripit", "a.txt", "a\n");
    String behind = ask("anca").out();
    assertTrue(behind.contains("/home/anca/code/infra: fast-forwarded(1)"), behind);
    assertTrue(behind.contains("/home/anca/code/tripit: fast-forwarded(1)"), behind);
    assertEquals(serverHead("infra"), head("anca", "infra"));
    assertEquals(serverHead("tripit"), head("anca", "tripit"));
    assertEquals(
        serverHead("infra"),
        box.asUser("anca", "git -C ~/code/infra rev-parse forgejo/master").ok().out().strip(),
        "both of infra's remotes fetched");
    String again = ask("anca").out();
    assertTrue(again.contains("/home/anca/code/tripit: up-to-date"), again);
  }

  @Test
  void the_hourly_freshen_fetches_local_remotes_as_each_user() throws Exception {
    Fixtures.commit(fixtures, "tripit", "b.txt", "b\n");
    Sandbox.Result r = site.ws("freshen");
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out().contains("user=anca action=freshen repo=code/tripit result=fast-forwarded(1)"),
        r.out());
    assertTrue(
        r.out().contains("user=emo action=freshen repo=code/tripit result=fast-forwarded(1)"),
        r.out());
    assertEquals(serverHead("tripit"), head("emo", "tripit"));
  }

  @Test
  void a_repository_the_user_may_not_read_moves_nothing() throws Exception {
    startService();
    String before = head("emo", "tripit");
    Fixtures.commit(fixtures, "tripit", "c.txt", "c\n");
    box.sh("chmod 0700 " + fixtures.resolve("tripit.git")).ok();
    String said = ask("emo").out();
    assertTrue(said.contains("/home/emo/code/tripit: fetch-failed("), said);
    assertEquals(before, head("emo", "tripit"));
    // readable again: the change of mode is seen, and the next start takes the commit
    box.sh("chmod 0755 " + fixtures.resolve("tripit.git")).ok();
    String now = ask("emo").out();
    assertTrue(now.contains("/home/emo/code/tripit: fast-forwarded(1)"), now);
  }

  void startService() throws Exception {
    service =
        box.start(
            box.workstationArgv("--config=" + site.config(), "session-service", "--idle", "300"));
    Poll.until(
        Duration.ofSeconds(30),
        "the service listens",
        () -> box.sh("test -S /run/workstation/session.sock").code() == 0);
  }
}
