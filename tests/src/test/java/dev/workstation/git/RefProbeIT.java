package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.workstation.fixtures.Fixtures;
import dev.workstation.it.GitHttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ref probe against a real smart-HTTP server and clones made by real git, with {@code git fetch
 * --dry-run} as the oracle: whenever the probe says "up to date", a real fetch with prune would
 * change nothing; whenever a fetch would change something, the probe must not say so. Its reader of
 * {@code .git/config} is held to {@code git config} itself.
 */
class RefProbeIT {
  static final String TOKEN = "tok-probe-9f8e7d";
  static final Duration BOUND = Duration.ofSeconds(5);

  @TempDir Path dir;
  GitHttpServer server;
  Path clone;
  GitCredentials creds;

  @BeforeEach
  void setUp() throws Exception {
    server =
        new GitHttpServer()
            .serve("pub.git", Fixtures.plainRepo(dir, "pub"), true)
            .serve("priv.git", Fixtures.plainRepo(dir, "priv"), false)
            .user("ann", TOKEN, "priv.git");
    creds = GitCredentials.parse("http://ann:" + TOKEN + "@127.0.0.1%3a" + server.port() + "\n");
    clone = dir.resolve("clone");
    Fixtures.git(dir, "clone", "-q", server.url("pub.git"), clone.toString());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  RefProbe.Verdict probe() {
    return RefProbe.check(clone, BOUND, creds);
  }

  /** What a real {@code git fetch --all --prune} would change (empty: nothing). */
  String wouldFetch() throws Exception {
    return Fixtures.git(clone, "fetch", "--all", "--prune", "--dry-run").strip();
  }

  void assertUpToDate() throws Exception {
    int before = server.requests();
    assertEquals(RefProbe.Verdict.UP_TO_DATE, probe());
    assertEquals(1, server.requests() - before, "one ref advertisement per remote");
    assertEquals("", wouldFetch(), "git agrees nothing would change");
  }

  void assertUnproven() throws Exception {
    assertEquals(RefProbe.Verdict.UNPROVEN, probe());
  }

  @Test
  void a_fresh_clone_is_up_to_date_for_one_request_loose_or_packed() throws Exception {
    assertUpToDate();
    Fixtures.git(clone, "pack-refs", "--all");
    assertUpToDate();
  }

  @Test
  void a_new_upstream_commit_is_left_to_the_full_fetch_which_fast_forwards_it() throws Exception {
    Fixtures.commit(dir, "pub", "CHANGES.md", "one\n");
    assertUnproven();
    assertEquals("fast-forwarded(1)", Freshener.freshen(clone, BOUND, creds).outcome().text());
    assertUpToDate();
  }

  @Test
  void a_new_branch_a_deleted_branch_or_a_new_tag_upstream_is_not_up_to_date() throws Exception {
    Path work = dir.resolve("pub-work");
    Fixtures.git(work, "push", "-q", "origin", "HEAD:refs/heads/feature");
    assertUnproven();
    Fixtures.git(clone, "fetch", "-q", "origin");
    assertUpToDate();

    Fixtures.git(work, "push", "-q", "origin", ":refs/heads/feature");
    assertUnproven(); // prune would delete origin/feature
    Fixtures.git(clone, "fetch", "-q", "--prune", "origin");
    assertUpToDate();

    Fixtures.git(work, "tag", "v1");
    Fixtures.git(work, "push", "-q", "origin", "v1");
    assertUnproven(); // a fetch would bring the tag
    assertEquals("up-to-date", Freshener.freshen(clone, BOUND, creds).outcome().text());
    assertUpToDate();
  }

  @Test
  void local_commits_a_detached_head_or_a_ref_being_written_are_left_to_the_full_path()
      throws Exception {
    Fixtures.git(
        clone,
        "-c",
        "user.name=a",
        "-c",
        "user.email=a@x",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "mine");
    assertUnproven();
    assertEquals(
        "up-to-date",
        Freshener.freshen(clone, BOUND, creds).outcome().text(),
        "only local commits: nothing to take");
    Fixtures.git(clone, "reset", "-q", "--hard", "origin/main");
    assertUpToDate();

    Fixtures.git(clone, "checkout", "-q", "--detach");
    assertUnproven();
    assertEquals("detached", Freshener.freshen(clone, BOUND, creds).outcome().text());
    Fixtures.git(clone, "checkout", "-q", "main");

    Path lock = clone.resolve(".git/refs/remotes/origin/main.lock");
    Files.writeString(lock, "");
    assertUnproven();
    Files.delete(lock);
    assertUpToDate();
  }

  @Test
  void a_private_remote_is_probed_with_the_users_own_credentials() throws Exception {
    Path priv = dir.resolve("priv-clone");
    Fixtures.git(
        dir,
        "-c",
        "credential.helper=",
        "clone",
        "-q",
        "http://ann:" + TOKEN + "@127.0.0.1:" + server.port() + "/priv.git",
        priv.toString());
    Fixtures.git(
        priv, "remote", "set-url", "origin", server.url("priv.git")); // no token in .git/config
    assertEquals(RefProbe.Verdict.UP_TO_DATE, RefProbe.check(priv, BOUND, creds));
    assertEquals(RefProbe.Verdict.UNPROVEN, RefProbe.check(priv, BOUND, GitCredentials.none()));
    assertEquals(
        "fetch-failed(origin: not authorized)",
        Freshener.freshen(priv, BOUND, GitCredentials.none()).outcome().text());
  }

  @Test
  void every_remote_counts_and_settings_it_does_not_model_send_the_clone_to_jgit()
      throws Exception {
    Fixtures.git(clone, "remote", "add", "mirror", server.url("pub.git"));
    assertUnproven(); // mirror/* tracking refs do not exist yet: a fetch would create them
    Fixtures.git(clone, "fetch", "-q", "mirror");
    int before = server.requests();
    assertEquals(RefProbe.Verdict.UP_TO_DATE, probe());
    assertEquals(2, server.requests() - before, "one advertisement per remote");

    for (List<String> setting :
        List.of(
            List.of("remote.mirror.tagOpt", "--no-tags"),
            List.of("remote.origin.fetch", "+refs/heads/main:refs/remotes/origin/main"),
            List.of("url.http://elsewhere/.insteadOf", server.base() + "/"),
            List.of("http.extraHeader", "X-A: b"),
            List.of("include.path", "other.cfg"))) {
      Path config = clone.resolve(".git/config");
      String saved = Files.readString(config);
      Fixtures.git(clone, "config", setting.get(0), setting.get(1));
      assertEquals(RefProbe.Verdict.UNPROVEN, probe(), setting.toString());
      Files.writeString(config, saved);
    }
    assertEquals(RefProbe.Verdict.UP_TO_DATE, probe());
  }

  @Test
  void a_remote_that_never_answers_times_out_within_the_bound() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Fixtures.git(
          clone,
          "remote",
          "set-url",
          "origin",
          "http://127.0.0.1:" + silent.getLocalPort() + "/pub.git");
      long start = System.nanoTime();
      assertEquals(
          RefProbe.Verdict.TIMED_OUT, RefProbe.check(clone, Duration.ofMillis(500), creds));
      assertTrue(System.nanoTime() - start < 3_000_000_000L, "bounded by the timeout");
    }
  }

  @Test
  void the_config_reader_agrees_with_git_config_or_refuses() throws Exception {
    Path file = dir.resolve("probe.cfg");
    String[][] values = {
      {"remote.origin.url", "http://host/a b.git"},
      {"remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*"},
      {"branch.we\"ird\\name.merge", "refs/heads/main"},
      {"filter.git-crypt.smudge", "\"git-crypt\" smudge"},
      {"core.comment", "a # not a comment ; nor this"},
      {"core.tabs", "\tlead and trail\t "},
      {"core.escapes", "back\\slash \"quoted\""},
    };
    for (String[] kv : values) {
      Fixtures.git(dir, "config", "-f", file.toString(), kv[0], kv[1]);
    }
    Fixtures.git(
        dir,
        "config",
        "-f",
        file.toString(),
        "--add",
        "remote.origin.fetch",
        "+refs/tags/*:refs/tags/*");
    GitConfigFile parsed = GitConfigFile.parse(Files.readString(file)).orElseThrow();
    for (String[] kv : values) {
      int first = kv[0].indexOf('.');
      int last = kv[0].lastIndexOf('.');
      String section = kv[0].substring(0, first);
      String sub = first == last ? "" : kv[0].substring(first + 1, last);
      String name = kv[0].substring(last + 1).toLowerCase(java.util.Locale.ROOT);
      String expected = Fixtures.git(dir, "config", "-f", file.toString(), "--get-all", kv[0]);
      assertEquals(expected, String.join("\n", parsed.values(section, sub, name)) + "\n", kv[0]);
    }
    assertEquals(
        List.of("+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"),
        parsed.values("remote", "origin", "fetch"));

    // what it does not model exactly, it refuses (the probe then leaves the clone to JGit)
    for (String text :
        List.of(
            "[core]\n\tx = a \\\n b\n",
            "[remote.origin]\n\turl = x\n",
            "[core] bare = true\n",
            "x = 1\n",
            "[core]\n\tx = \"open\n",
            "[core]\n\tx = \\q\n")) {
      assertTrue(GitConfigFile.parse(text).isEmpty(), text);
    }
  }

  @Test
  void clone_facts_and_identity_read_from_the_files_equal_what_jgit_reads() throws Exception {
    Fixtures.git(
        clone,
        "remote",
        "add",
        "tokened",
        "http://ann:" + TOKEN + "@127.0.0.1:" + server.port() + "/priv.git");
    Fixtures.git(clone, "config", "--add", "remote.tokened.url", server.url("other.git"));
    assertEquals(Clones.inspectWithJGit(clone), Clones.inspect(clone));
    assertTrue(
        Clones.inspectFiles(clone.resolve(".git")).isPresent(), "the common case needs no JGit");
    assertFalse(Clones.inspect(clone).toString().contains(TOKEN), "URLs are redacted");
    Fixtures.git(clone, "checkout", "-q", "--detach");
    assertEquals(Clones.inspectWithJGit(clone), Clones.inspect(clone));
    Fixtures.git(clone, "checkout", "-q", "-b", "local-only");
    assertEquals(Clones.inspectWithJGit(clone), Clones.inspect(clone));
    Fixtures.git(clone, "config", "include.path", "extra.cfg");
    assertTrue(Clones.inspectFiles(clone.resolve(".git")).isEmpty(), "refused: JGit reads it");
    assertEquals(Clones.inspectWithJGit(clone), Clones.inspect(clone));

    Path home = Files.createDirectory(dir.resolve("home"));
    Path gitconfig = home.resolve(".gitconfig");
    for (String text :
        List.of(
            "",
            "[user]\n\tname = Ann\n",
            "[user]\n\temail = \"a@x\" # work\n\tname =\n",
            "[user]\n\tname = x\n\tname = \"\"\n",
            "[core]\n\teditor = vi\n[include]\n\tpath = other\n",
            "[User]\n\tName = A\n\tEMAIL = b\n")) {
      Files.writeString(gitconfig, text);
      assertEquals(GitIdentity.presentWithJGit(home), GitIdentity.present(home), text);
    }
    Files.delete(gitconfig);
    assertEquals(GitIdentity.presentWithJGit(home), GitIdentity.present(home), "no ~/.gitconfig");
  }

  @Test
  void the_advertisement_of_git_http_backend_itself_is_read_the_same() throws Exception {
    // what Forgejo and nginx+fcgiwrap serve: git's own upload-pack advertisement, here through
    // `git http-backend` as a CGI behind a tiny local web server
    Path root = Files.createDirectory(dir.resolve("cgi-root"));
    Fixtures.git(
        dir,
        "clone",
        "-q",
        "--bare",
        dir.resolve("pub.git").toString(),
        root.resolve("r.git").toString());
    HttpServer cgi = httpBackend(root);
    try {
      Path c = dir.resolve("cgi-clone");
      String url = "http://127.0.0.1:" + cgi.getAddress().getPort() + "/r.git";
      Fixtures.git(dir, "clone", "-q", url, c.toString());
      assertEquals(RefProbe.Verdict.UP_TO_DATE, RefProbe.check(c, BOUND, creds));

      Path work = dir.resolve("pub-work");
      Fixtures.git(work, "tag", "-a", "-m", "release", "v2");
      Fixtures.git(
          work, "push", "-q", root.resolve("r.git").toString(), "HEAD:refs/heads/main", "v2");
      assertEquals(
          RefProbe.Verdict.UNPROVEN,
          RefProbe.check(c, BOUND, creds),
          "an annotated tag (peeled in the advertisement)");
      Fixtures.git(c, "fetch", "-q", "origin");
      assertEquals(RefProbe.Verdict.UP_TO_DATE, RefProbe.check(c, BOUND, creds));
      assertEquals("", Fixtures.git(c, "fetch", "--all", "--prune", "--dry-run").strip());
    } finally {
      cgi.stop(0);
    }
  }

  /** {@code git http-backend} (a CGI program) served on loopback, one process per request. */
  static HttpServer httpBackend(Path projectRoot) throws java.io.IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          ProcessBuilder pb =
              new ProcessBuilder("git", "http-backend")
                  .redirectError(ProcessBuilder.Redirect.DISCARD);
          Map<String, String> env = pb.environment();
          env.put("GIT_PROJECT_ROOT", projectRoot.toString());
          env.put("GIT_HTTP_EXPORT_ALL", "1");
          env.put("GIT_CONFIG_NOSYSTEM", "1");
          env.put("GIT_CONFIG_GLOBAL", "/dev/null");
          env.put("REQUEST_METHOD", exchange.getRequestMethod());
          env.put("PATH_INFO", exchange.getRequestURI().getPath());
          env.put(
              "QUERY_STRING",
              Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""));
          env.put(
              "CONTENT_TYPE",
              Objects.requireNonNullElse(
                  exchange.getRequestHeaders().getFirst("Content-Type"), ""));
          env.put("CONTENT_LENGTH", Integer.toString(body.length));
          env.put("REMOTE_ADDR", "127.0.0.1");
          for (String[] h :
              new String[][] {
                {"Git-Protocol", "GIT_PROTOCOL"}, {"Content-Encoding", "HTTP_CONTENT_ENCODING"}
              }) {
            String v = exchange.getRequestHeaders().getFirst(h[0]);
            if (v != null) {
              env.put(h[1], v);
            }
          }
          Process p = pb.start();
          try (var in = p.getOutputStream()) {
            in.write(body);
          }
          byte[] out = p.getInputStream().readAllBytes();
          int split = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          int status = 200;
          for (String line : new String(out, 0, split, StandardCharsets.US_ASCII).split("\r\n")) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
              status = Integer.parseInt(value.substring(0, 3));
            } else {
              exchange.getResponseHeaders().add(name, value);
            }
          }
          byte[] payload = java.util.Arrays.copyOfRange(out, split + 4, out.length);
          exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
          try (var o = exchange.getResponseBody()) {
            o.write(payload);
          }
        });
    server.start();
    return server;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalStateException("no CGI header end");
  }
}
