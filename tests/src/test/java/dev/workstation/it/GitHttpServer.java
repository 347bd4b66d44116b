package dev.workstation.it;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A real smart-HTTP git server for tests: JGit's GitServlet on embedded Jetty 12, on loopback, with
 * HTTP basic auth in front. Each served path maps to a bare repository; a path is either public
 * (anonymous read, like the public infra mirror) or readable only by the users granted it (like a
 * Forgejo repo and a personal access token).
 */
public final class GitHttpServer implements AutoCloseable {
  private final Server server;
  private final Map<String, Path> repos = new ConcurrentHashMap<>();
  private final Set<String> publicRepos = ConcurrentHashMap.newKeySet();
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int delayMillis;

  public GitHttpServer() throws Exception {
    server = new Server(new InetSocketAddress("127.0.0.1", 0));
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(
        (req, name) -> {
          Path dir = repos.get(name);
          if (dir == null) {
            throw new RepositoryNotFoundException(name);
          }
          try {
            Repository repo =
                new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
            return repo;
          } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
          }
        });
    git.setReceivePackFactory((req, db) -> new ReceivePack(db));
    ServletContextHandler ctx = new ServletContextHandler("/");
    ctx.addServlet(new ServletHolder(git), "/*");
    ctx.addFilter(new FilterHolder(new Auth()), "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(ctx);
    server.start();
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT/<name>} */
  public String url(String name) {
    return "http://127.0.0.1:" + port() + "/" + name;
  }

  public String base() {
    return "http://127.0.0.1:" + port();
  }

  /** Serves the bare repo {@code dir} at {@code /name}; anonymous reads if {@code isPublic}. */
  public GitHttpServer serve(String name, Path dir, boolean isPublic) {
    repos.put(name, dir);
    if (isPublic) {
      publicRepos.add(name);
    }
    return this;
  }

  public GitHttpServer user(String user, String token, String... repoNames) {
    passwords.put(user, token);
    grants.put(user, Set.of(repoNames));
    return this;
  }

  /** Adds latency to every request (for the freshen benchmark). */
  public void delay(int millis) {
    this.delayMillis = millis;
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private final class Auth implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      requests.incrementAndGet();
      HttpServletRequest req = (HttpServletRequest) request;
      HttpServletResponse res = (HttpServletResponse) response;
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String path =
          req.getPathInfo() == null
              ? req.getServletPath()
              : req.getServletPath() + req.getPathInfo();
      String repo =
          repos.keySet().stream()
              .filter(r -> path.startsWith("/" + r + "/") || path.equals("/" + r))
              .findFirst()
              .orElse(null);
      boolean push =
          "git-receive-pack".equals(req.getParameter("service"))
              || path.endsWith("/git-receive-pack");
      if (repo != null && publicRepos.contains(repo) && !push) {
        chain.doFilter(request, response);
        return;
      }
      String header = req.getHeader("Authorization");
      if (header == null || !header.startsWith("Basic ")) {
        res.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        res.sendError(401);
        return;
      }
      String decoded =
          new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      String token = colon < 0 ? "" : decoded.substring(colon + 1);
      if (!token.equals(passwords.get(user))) {
        res.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        res.sendError(401);
        return;
      }
      if (repo == null || !grants.getOrDefault(user, Set.of()).contains(repo)) {
        res.sendError(403);
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
