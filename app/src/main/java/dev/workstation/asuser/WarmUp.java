package dev.workstation.asuser;

import com.sun.net.httpserver.HttpServer;
import dev.workstation.derive.Deriver;
import dev.workstation.git.Clones;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.IsolatedGitConfig;
import dev.workstation.input.JsonReader;
import dev.workstation.roster.RosterParser;
import dev.workstation.session.SessionArgs;
import dev.workstation.session.SessionStart;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.util.Json;
import dev.workstation.worker.WorkerCodec;
import dev.workstation.worker.WorkerRequest;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Exercises what a worker and session-start load — YAML/JSON, JGit clone, status, fetch over the
 * file and HTTP transports — in a throwaway directory, so {@code -XX:ArchiveClassesAtExit} (the
 * package's postinst) captures those classes in the class-data-sharing archive.
 */
final class WarmUp {
  private WarmUp() {}

  private static byte[] example(String name) throws java.io.IOException {
    try (var in = WarmUp.class.getResourceAsStream("/dev/workstation/examples/" + name)) {
      return in.readAllBytes();
    }
  }

  private static void setOrigin(Path clone, String url) throws Exception {
    try (Git git = Git.open(clone.toFile())) {
      var config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", url);
      config.save();
    }
  }

  /** A local smart-HTTP endpoint whose ref advertisement says branch master is at {@code id}. */
  private static HttpServer advertising(String id) throws java.io.IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body =
        (pkt("# service=git-upload-pack\n")
                + "0000"
                + pkt(id + " HEAD\0symref=HEAD:refs/heads/master\n")
                + pkt(id + " refs/heads/master\n")
                + "0000")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/warm-up.git/info/refs",
        exchange -> {
          exchange
              .getResponseHeaders()
              .set("Content-Type", "application/x-git-upload-pack-advertisement");
          exchange.sendResponseHeaders(200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static String pkt(String line) {
    return String.format("%04x", line.length() + 4) + line;
  }

  /** session-start's side of the resident service, against a one-shot local socket. */
  private static void serviceExchange(Path dir, Path home) throws Exception {
    Path socket = dir.resolve("warm-up.sock");
    try (java.nio.channels.ServerSocketChannel server =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(socket));
      Thread answer =
          new Thread(
              () -> {
                try (java.nio.channels.SocketChannel c = server.accept()) {
                  c.read(java.nio.ByteBuffer.allocate(4096));
                  String body = "{\"outcomes\":[],\"links\":[]}";
                  c.write(
                      java.nio.ByteBuffer.wrap(
                          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  + body.length()
                                  + "\r\nConnection: close\r\n\r\n"
                                  + body)
                              .getBytes(StandardCharsets.UTF_8)));
                } catch (java.io.IOException e) {
                  // the client saw a closed socket: still warm
                }
              });
      answer.start();
      SessionStart.exerciseService(home, socket);
      answer.join(5000);
    }
  }

  static void run() throws Exception {
    IsolatedGitConfig.install();
    WorkerMain.class.getName(); // the workers' entry point: loaded, so archived
    Path dir = Files.createTempDirectory("workstation-warm-up-");
    try {
      Path home = Files.createDirectories(dir.resolve("home"));
      Path clone = cloned(dir, home);
      sessionStart(dir, home, clone);
      // JGit's HTTP transport, against a port nothing listens on: refused at once, classes loaded
      setOrigin(clone, "http://127.0.0.1:9/warm-up.git");
      try (Git git = Git.open(clone.toFile())) {
        git.fetch().setRemote("origin").setTimeout(1).call();
      } catch (Exception expected) {
        // connection refused is the point
      }
      serviceExchange(dir, home);
      try {
        TlsWarmUp.run(dir); // freshen, the session service and the in-process session-start
      } catch (Exception | LinkageError e) {
        // no TLS exchange possible here: the archive just lacks those classes
      }
      protocolAndConfig(home);
    } finally {
      dev.workstation.util.FileTrees.delete(dir);
    }
  }

  /** A one-commit repository cloned into {@code home/code}, inspected and freshened. */
  private static Path cloned(Path dir, Path home) throws Exception {
    Path src = dir.resolve("src");
    PersonIdent who = new PersonIdent("warm-up", "warm-up@localhost");
    try (Git git = Git.init().setInitialBranch("master").setDirectory(src.toFile()).call()) {
      Files.writeString(src.resolve("a"), "a\n");
      git.add().addFilepattern("a").call();
      git.commit().setMessage("a").setAuthor(who).setCommitter(who).call();
    }
    Path clone = home.resolve("code");
    Clones.clone(clone, src.toUri().toString(), "origin", "master", true, GitCredentials.none());
    Clones.inspect(clone);
    Freshener.freshenAll(List.of(clone), 1, Duration.ofSeconds(5), GitCredentials.none());
    return clone;
  }

  /**
   * The session launcher's path, as the user will run it: site config, links, lock, and the ref
   * probe's whole HTTP exchange against a one-shot local server advertising the clone's refs.
   */
  private static void sessionStart(Path dir, Path home, Path clone) throws Exception {
    Files.createDirectories(dir.resolve("base/skills/warm-up"));
    Path site =
        Files.writeString(
            dir.resolve("workstation.yaml"),
            "config_base: {dir: "
                + dir.resolve("base")
                + "}\n"
                + "freshen: {session_timeout: 5s}\n");
    String id = Files.readString(clone.resolve(".git/refs/remotes/origin/master")).strip();
    try {
      HttpServer server = advertising(id);
      try {
        setOrigin(clone, "http://127.0.0.1:" + server.getAddress().getPort() + "/warm-up.git");
        SessionStart.run(
            new SessionArgs(site, true, null), home, new PrintWriter(Writer.nullWriter()));
      } finally {
        server.stop(0);
      }
    } catch (LinkageError e) {
      // a JVM without jdk.httpserver: the archive just lacks the probe's successful exchange
    }
  }

  /**
   * JSON, the worker protocol both ways (what every worker reads and writes first), and every
   * section of a site config and a roster (what session-start and reconcile parse first).
   */
  private static void protocolAndConfig(Path home) throws Exception {
    JsonReader.parse("warm-up", Json.write(Map.of("a", List.of(1, "b"))));
    WorkerRequest.Inspect inspect =
        new WorkerRequest.Inspect(
            List.of("infra"),
            java.util.Optional.empty(),
            java.util.Optional.of("x"),
            java.util.Optional.empty(),
            java.util.Optional.empty());
    WorkerCodec.decodeRequest(WorkerCodec.encode(inspect));
    WorkerCodec.decodeReply(
        inspect, WorkerCodec.encodeReply(HomeInspection.inspect(home, inspect)));
    SiteConfig example = SiteConfigParser.parse("warm-up", example("workstation.example.yaml"));
    Deriver.derive(
        RosterParser.parse("warm-up", example("roster.example.yaml")), example, Map.of());
  }
}
