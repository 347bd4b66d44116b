package dev.workstation.git;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * The one HTTP client of a process that talks to git forges: the JDK's {@link HttpClient}, which
 * keeps connections per host (HTTP/2 where offered: one TLS handshake for many requests, in
 * parallel) and resumes TLS sessions. Requests carry the user's basic-auth credential for that host
 * up front when one is known, so there is no anonymous request answered 401 first. {@link
 * #connectionFactory} gives JGit's HTTP transport the same pool.
 */
public final class GitHttp {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static volatile HttpClient shared;

  private GitHttp() {}

  /** The process's pooled client (made on first use). */
  static HttpClient client() {
    HttpClient c = shared;
    if (c == null) {
      synchronized (GitHttp.class) {
        c = shared;
        if (c == null) {
          c =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_2)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .connectTimeout(CONNECT_TIMEOUT)
                  .proxy(ProxySelector.getDefault())
                  .build();
          shared = c;
        }
      }
    }
    return c;
  }

  /** A response's status, content type and body (closed by the caller). */
  record Response(int status, String contentType, InputStream body) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  private static volatile boolean pooled;

  /**
   * Makes this process send its requests through the pooled client: for processes that make many
   * requests (root's freshen, the session service). Elsewhere — a worker or an in-process
   * session-start asks a few remotes once — the JDK's plain connection starts cheaper: measured,
   * the pooled client's own start-up in a fresh JVM costs more than the handshakes it saves.
   */
  public static void usePooledClient() {
    pooled = true;
  }

  /** A GET with the credential for {@code uri}'s host (if {@code creds} has one). */
  static Response get(URI uri, String accept, GitCredentials creds, Duration timeout)
      throws IOException {
    Optional<String> authorization = authorization(creds, uri);
    return pooled
        ? pooledGet(uri, accept, authorization, timeout)
        : plainGet(uri, accept, authorization, timeout);
  }

  /**
   * Per host, the first request of this process, until it has answered: a run asks many remotes at
   * once, and requests sent before the pooled client holds a connection to their host would each
   * open one (a TLS handshake each, in cold code). The others wait for the first, then share its
   * connection.
   */
  private static final java.util.Map<String, java.util.concurrent.CompletableFuture<Void>> FIRST =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Response pooledGet(
      URI uri, String accept, Optional<String> authorization, Duration timeout) throws IOException {
    String host = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    java.util.concurrent.CompletableFuture<Void> mine =
        new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<Void> first = FIRST.putIfAbsent(host, mine);
    if (first == null) {
      try {
        Response r = pooledSend(uri, accept, authorization, timeout);
        mine.complete(null); // connected: everyone after shares the connection
        return r;
      } catch (IOException | RuntimeException e) {
        FIRST.remove(host, mine); // the next request opens one
        mine.complete(null);
        throw e;
      }
    }
    try {
      first.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      // the first is slow: go anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
    return pooledSend(uri, accept, authorization, timeout);
  }

  private static Response pooledSend(
      URI uri, String accept, Optional<String> authorization, Duration timeout) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", USER_AGENT)
            .header("Accept", accept);
    authorization.ifPresent(a -> b.header("Authorization", a));
    try {
      HttpResponse<InputStream> r =
          client().send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      return new Response(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (HttpTimeoutException e) {
      throw new java.net.SocketTimeoutException("timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }

  private static Response plainGet(
      URI uri, String accept, Optional<String> authorization, Duration timeout) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    c.setConnectTimeout(millis);
    c.setReadTimeout(millis);
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestProperty("User-Agent", USER_AGENT);
    c.setRequestProperty("Accept", accept);
    authorization.ifPresent(a -> c.setRequestProperty("Authorization", a));
    int status = c.getResponseCode();
    InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
    return new Response(
        status,
        c.getContentType() == null ? "" : c.getContentType(),
        body == null ? InputStream.nullInputStream() : body);
  }

  private static final String USER_AGENT = "git/2.0 (workstation)";

  /** {@code Basic …} for {@code uri}'s scheme, host and port, if {@code creds} has an entry. */
  static Optional<String> authorization(GitCredentials creds, URI uri) {
    return creds
        .forHost(uri.getScheme(), uri.getHost(), uri.getPort())
        .map(RefAdvertisement::basic);
  }

  private static final ThreadLocal<GitCredentials> UP_FRONT =
      ThreadLocal.withInitial(GitCredentials::none);

  /**
   * Runs {@code fetch} (JGit, in this thread) with {@code creds} sent up front to the hosts they
   * belong to; JGit still asks its credentials provider after a 401.
   */
  public static <T, E extends Exception> T withCredentials(
      GitCredentials creds, Callable<T, E> fetch) throws E {
    GitCredentials before = UP_FRONT.get();
    UP_FRONT.set(creds);
    try {
      return fetch.call();
    } finally {
      UP_FRONT.set(before);
    }
  }

  /** A call that may throw {@code E}. */
  @FunctionalInterface
  public interface Callable<T, E extends Exception> {
    T call() throws E;
  }

  private static final HttpConnectionFactory FACTORY =
      new HttpConnectionFactory() {
        @Override
        public HttpConnection create(URL url) throws IOException {
          try {
            return new PooledConnection(client(), url, authorization(UP_FRONT.get(), url.toURI()));
          } catch (java.net.URISyntaxException e) {
            throw new IOException("bad URL " + url, e);
          }
        }

        @Override
        public HttpConnection create(URL url, java.net.Proxy proxy) throws IOException {
          return create(url);
        }
      };

  /**
   * Makes JGit's HTTP transport in this process use the pooled client (once; global in JGit). Only
   * for processes that never need per-request TLS settings: root's mirror and the refresh service.
   */
  public static synchronized void installForJGit() {
    usePooledClient();
    if (org.eclipse.jgit.transport.HttpTransport.getConnectionFactory() != FACTORY) {
      org.eclipse.jgit.transport.HttpTransport.setConnectionFactory(FACTORY);
    }
  }
}
