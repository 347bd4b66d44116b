package dev.workstation.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Git over HTTPS the way a Forgejo or a self-hosted server serves it: Debian's nginx in front of
 * {@code git http-backend} through fcgiwrap, a server certificate from a throwaway CA made for this
 * server only, HTTP basic auth checked by nginx per repository (htpasswd files, read on every
 * request, so grants change without a reload), and a fixed delay on every response — 401s included
 * — standing in for network latency. HTTP/2 is offered (ALPN) as a real server would.
 *
 * <p>The CA is trusted nowhere until {@link #trustIn(Sandbox)} adds it to a sandbox's system trust
 * (the overlaid {@code /etc}): both git (OpenSSL's bundle) and the JVM ({@code cacerts}) then
 * accept the server, exactly as on a host whose admin installed an internal CA. The host's own
 * trust is never touched.
 *
 * <p>Tests and {@code bench/run} use the same class: nginx and fcgiwrap run as root on the host's
 * loopback (the sandbox shares the network), with all their files in a temp dir.
 */
public final class HttpsGitServer implements AutoCloseable {
  private final Path dir;
  private final Path repos;
  private final int port;
  private final int delayMillis;
  private final boolean headUnguarded;
  private final Process fcgiwrap;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();

  private HttpsGitServer(
      Path dir, int port, int delayMillis, boolean headUnguarded, Process fcgiwrap) {
    this.dir = dir;
    this.repos = dir.resolve("repos");
    this.port = port;
    this.delayMillis = delayMillis;
    this.headUnguarded = headUnguarded;
    this.fcgiwrap = fcgiwrap;
  }

  /** Skips the calling test unless nginx, fcgiwrap, git http-backend and openssl are here. */
  public static void assumeAvailable() {
    for (String tool :
        List.of(
            "/usr/sbin/nginx",
            "/usr/sbin/fcgiwrap",
            "/usr/lib/git-core/git-http-backend",
            "/usr/bin/openssl")) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          Files.isExecutable(Path.of(tool)),
          "needs " + tool + " (Debian: nginx-light, fcgiwrap, git, openssl; see .ci/run)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(Path.of(ECHO_MODULE)),
        "needs nginx's echo module (Debian: libnginx-mod-http-echo) for the per-request delay");
  }

  static final String ECHO_MODULE = "/usr/lib/nginx/modules/ngx_http_echo_module.so";

  /** Starts a server with {@code delayMillis} added to every response (0 for none). */
  public static HttpsGitServer start(int delayMillis) throws IOException, InterruptedException {
    return start(delayMillis, false);
  }

  /**
   * A server that, when {@code headUnguarded}, serves each repository's dumb-HTTP {@code HEAD} file
   * to any user it knows, without the per-repository check its smart routes ({@code info/refs},
   * {@code git-upload-pack}) keep: a server that treats the two paths differently, which a client's
   * proof of access must not rely on.
   */
  public static HttpsGitServer start(int delayMillis, boolean headUnguarded)
      throws IOException, InterruptedException {
    assumeAvailable();
    Path dir = Files.createTempDirectory("ws-https-git-");
    Files.createDirectories(dir.resolve("repos"));
    Files.createDirectories(dir.resolve("auth"));
    Files.createDirectories(dir.resolve("public"));
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("tmp"));
    makeCertificates(dir);
    int port = freePort();
    Process fcgi =
        new ProcessBuilder(
                "/usr/sbin/fcgiwrap", "-c", "6", "-s", "unix:" + dir.resolve("fcgi.sock"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs/fcgiwrap.log").toFile())
            .start();
    HttpsGitServer s = new HttpsGitServer(dir, port, delayMillis, headUnguarded, fcgi);
    // a bench or test JVM that dies must not leave nginx and fcgiwrap running
    Runtime.getRuntime().addShutdownHook(new Thread(s::closeQuietly));
    try {
      Files.writeString(dir.resolve("nginx.conf"), s.nginxConf());
      run("/usr/sbin/nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString());
      s.awaitListening();
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** A throwaway CA and a server certificate for 127.0.0.1 and localhost, signed by it. */
  private static void makeCertificates(Path dir) throws IOException, InterruptedException {
    String ca = dir.resolve("ca.pem").toString();
    String caKey = dir.resolve("ca.key").toString();
    String key = dir.resolve("server.key").toString();
    String csr = dir.resolve("server.csr").toString();
    Path ext =
        Files.writeString(
            dir.resolve("server.ext"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "7",
        "-subj",
        "/CN=workstation throwaway test CA",
        "-keyout",
        caKey,
        "-out",
        ca,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    run(
        "openssl",
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        key,
        "-out",
        csr);
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        ca,
        "-CAkey",
        caKey,
        "-CAcreateserial",
        "-days",
        "7",
        "-out",
        dir.resolve("server.pem").toString(),
        "-extfile",
        ext.toString());
  }

  private String nginxConf() {
    // the delay is the echo module's timer (no process, no blocked worker); a refused request
    // gets it too (error_page → @denied), as a 401 crosses the network like any response
    String delay = String.format(java.util.Locale.ROOT, "%.3f", delayMillis / 1000.0);
    return """
        load_module %1$s;
        user root root;
        worker_processes 2;
        pid %2$s/nginx.pid;
        error_log %2$s/logs/error.log;
        events { worker_connections 1024; }
        http {
          access_log %2$s/logs/access.log;
          client_body_temp_path %2$s/tmp/body;
          fastcgi_temp_path %2$s/tmp/fastcgi;
          proxy_temp_path %2$s/tmp/proxy;
          uwsgi_temp_path %2$s/tmp/uwsgi;
          scgi_temp_path %2$s/tmp/scgi;
          client_max_body_size 0;
          server {
            listen 127.0.0.1:%3$d ssl http2;
            ssl_certificate %2$s/server.pem;
            ssl_certificate_key %2$s/server.key;
            keepalive_requests 10000;
            %5$s
            location ~ "^/(?<repo>[A-Za-z0-9][A-Za-z0-9._/-]*\\.git)/" {
              set $realm "git";
              if (-f %2$s/public/$repo) { set $realm off; }
              auth_request /_delay;
              auth_basic $realm;
              auth_basic_user_file %2$s/auth/$repo.htpasswd;
              error_page 401 = @denied;
              fastcgi_pass unix:%2$s/fcgi.sock;
              include /etc/nginx/fastcgi_params;
              fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
              fastcgi_param GIT_PROJECT_ROOT %2$s/repos;
              fastcgi_param GIT_HTTP_EXPORT_ALL 1;
              fastcgi_param PATH_INFO $uri;
              fastcgi_param REMOTE_USER $remote_user;
              fastcgi_param GIT_PROTOCOL $http_git_protocol;
            }
            location = /_delay { internal; echo_sleep %4$s; }
            location @denied { echo_status 401; echo_sleep %4$s; echo "unauthorized"; }
          }
        }
        """
        .formatted(ECHO_MODULE, dir, port, delay, headUnguarded ? unguardedHead() : "");
  }

  /** Every repository's HEAD file for any known user: no per-repository check. */
  private String unguardedHead() {
    return """
        location ~ "^/[A-Za-z0-9][A-Za-z0-9._/-]*\\.git/HEAD$" {
              auth_basic "git";
              auth_basic_user_file %1$s/auth/all.htpasswd;
              fastcgi_pass unix:%1$s/fcgi.sock;
              include /etc/nginx/fastcgi_params;
              fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
              fastcgi_param GIT_PROJECT_ROOT %1$s/repos;
              fastcgi_param GIT_HTTP_EXPORT_ALL 1;
              fastcgi_param PATH_INFO $uri;
            }"""
        .formatted(dir);
  }

  /** Serves the bare repo {@code bare} at {@code /name}; anonymous reads if {@code isPublic}. */
  public HttpsGitServer serve(String name, Path bare, boolean isPublic) throws IOException {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._/-]*\\.git") || name.contains("..")) {
      throw new IllegalArgumentException("bad repo name " + name);
    }
    Path link = repos.resolve(name);
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, bare.toAbsolutePath());
    Path marker = dir.resolve("public").resolve(name);
    Files.createDirectories(marker.getParent());
    if (isPublic) {
      Files.writeString(marker, "");
    } else {
      Files.deleteIfExists(marker);
    }
    writeAuth();
    return this;
  }

  /** A user with a token (their basic-auth password), allowed to read {@code repoNames}. */
  public HttpsGitServer user(String user, String token, String... repoNames) throws IOException {
    tokens.put(user, token);
    grants.put(user, Set.of(repoNames));
    writeAuth();
    return this;
  }

  /** Takes away {@code user}'s access to {@code repo} (the next request sees it). */
  public HttpsGitServer revoke(String user, String repo) throws IOException {
    Set<String> g = new java.util.HashSet<>(grants.getOrDefault(user, Set.of()));
    g.remove(repo);
    grants.put(user, Set.copyOf(g));
    writeAuth();
    return this;
  }

  /** One htpasswd file per served repo, listing the users granted it ({@code {PLAIN}} entries). */
  private synchronized void writeAuth() throws IOException {
    List<Path> served;
    try (var walk = Files.walk(repos)) {
      served = walk.filter(p -> p.getFileName().toString().endsWith(".git")).toList();
    }
    StringBuilder all = new StringBuilder();
    tokens.forEach((user, token) -> all.append(user).append(":{PLAIN}").append(token).append('\n'));
    Path allFile = dir.resolve("auth").resolve("all.htpasswd");
    Files.writeString(allFile.resolveSibling("all.htpasswd.tmp"), all.toString());
    Files.move(
        allFile.resolveSibling("all.htpasswd.tmp"),
        allFile,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    for (Path p : served) {
      String name = repos.relativize(p).toString();
      StringBuilder b = new StringBuilder();
      grants.forEach(
          (user, names) -> {
            if (names.contains(name)) {
              b.append(user).append(":{PLAIN}").append(tokens.get(user)).append('\n');
            }
          });
      Path file = dir.resolve("auth").resolve(name + ".htpasswd");
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, b.toString());
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  public int port() {
    return port;
  }

  /** {@code https://127.0.0.1:PORT} */
  public String base() {
    return "https://127.0.0.1:" + port;
  }

  /** {@code https://127.0.0.1:PORT/<name>} */
  public String url(String name) {
    return base() + "/" + name;
  }

  /** The CA certificate (PEM) that signed the server's certificate. */
  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  /**
   * Makes the CA trusted inside {@code box} the way an admin installs an internal CA: appended to
   * OpenSSL's bundle (git, curl) and imported into the JVM's {@code cacerts}, both under the
   * sandbox's overlaid {@code /etc}.
   */
  public void trustIn(Sandbox box) {
    String ca = caCertificate().toString();
    box.sh(
            "set -e; cat '"
                + ca
                + "' >> /etc/ssl/certs/ca-certificates.crt;"
                + " keytool -importcert -noprompt -cacerts -storepass changeit -alias workstation-test-ca -file '"
                + ca
                + "' >/dev/null")
        .ok();
  }

  /** The access log: one line per request (status, user, request line, user agent). */
  public List<String> accessLog() throws IOException {
    Path log = dir.resolve("logs/access.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** Empties the access log (nginx keeps appending to the same file). */
  public void clearAccessLog() throws IOException {
    Path log = dir.resolve("logs/access.log");
    if (Files.exists(log)) {
      Files.write(log, new byte[0]);
    }
  }

  /** Everything the server wrote to its error logs (for a failing test's message). */
  public String errorLog() throws IOException {
    Path log = dir.resolve("logs/error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void awaitListening() throws IOException, InterruptedException {
    boolean up;
    try {
      up = Poll.until(Duration.ofSeconds(10), this::listening, Boolean::booleanValue);
    } catch (InterruptedException | IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
    if (up) {
      return;
    }
    throw new IOException("nginx did not start:\n" + errorLog());
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return Files.exists(dir.resolve("fcgi.sock"));
    } catch (IOException e) {
      return false; // not yet
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", argv) + " failed:\n" + out);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      // at exit: nothing left to tell
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Path pid = dir.resolve("nginx.pid");
      if (Files.exists(pid)) {
        run(
            "/usr/sbin/nginx",
            "-c",
            dir.resolve("nginx.conf").toString(),
            "-p",
            dir.toString(),
            "-s",
            "stop");
        Poll.until(Duration.ofSeconds(2), () -> Files.exists(pid), exists -> !exists);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // the probe above throws nothing else
    } finally {
      fcgiwrap.descendants().forEach(ProcessHandle::destroy); // its preforked workers
      fcgiwrap.destroy();
      try {
        fcgiwrap.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      fcgiwrap.destroyForcibly();
      List<Path> all = new ArrayList<>();
      try (var walk = Files.walk(dir)) {
        walk.forEach(all::add);
      }
      all.sort(java.util.Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}
