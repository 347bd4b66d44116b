package dev.workstation.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;

/**
 * One JGit HTTP request carried by the JDK's {@link HttpClient}, which pools connections per host
 * (HTTP/2 multiplexing where the server offers it, TLS sessions reused), so a run that talks to one
 * forge pays its TLS handshake once instead of once per request. The request body is buffered
 * (JGit's negotiation rounds are small) and sent when JGit first asks for the response.
 *
 * <p>A request that wants its own TLS setup ({@link #configure}, {@link #setHostnameVerifier} —
 * only for {@code http.sslVerify=false} or client certificates, which our clones never set) is
 * refused: the pooled client keeps the system's trust for everyone.
 */
final class PooledConnection implements HttpConnection {
  // java.net.http sets these itself and refuses them as request headers
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final HttpClient client;
  private final URL url;
  private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private String method = "GET";
  private Duration readTimeout = Duration.ofMinutes(5);
  private ByteArrayOutputStream body;
  private HttpResponse<InputStream> response;

  PooledConnection(HttpClient client, URL url, Optional<String> authorization) {
    this.client = client;
    this.url = url;
    // preemptive basic auth: the credential is known, so no anonymous request and 401 first
    authorization.ifPresent(a -> headers.put("Authorization", a));
  }

  private HttpResponse<InputStream> response() throws IOException {
    if (response == null) {
      HttpRequest.Builder b;
      try {
        b = HttpRequest.newBuilder(url.toURI()).timeout(readTimeout);
      } catch (URISyntaxException e) {
        throw new IOException("bad URL " + url, e);
      }
      headers.forEach(
          (k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
              b.header(k, v);
            }
          });
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
      try {
        response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw new java.net.SocketTimeoutException("timed out: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      }
    }
    return response;
  }

  @Override
  public int getResponseCode() throws IOException {
    return response().statusCode();
  }

  @Override
  public URL getURL() {
    return url;
  }

  @Override
  public String getResponseMessage() throws IOException {
    return ""; // HTTP/2 has no reason phrase; JGit only puts it into error messages
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    try {
      return response().headers().map();
    } catch (IOException e) {
      return Map.of();
    }
  }

  @Override
  public void setRequestProperty(String key, String value) {
    headers.put(key, value);
  }

  @Override
  public void setRequestMethod(String method) {
    this.method = method;
  }

  @Override
  public void setUseCaches(boolean usecaches) {}

  @Override
  public void setConnectTimeout(int timeout) {
    // the pooled client has one connect timeout; the read timeout bounds each request
  }

  @Override
  public void setReadTimeout(int timeout) {
    if (timeout > 0) {
      readTimeout = Duration.ofMillis(timeout);
    }
  }

  @Override
  public String getContentType() {
    return getHeaderField("Content-Type");
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return response().body();
  }

  @Override
  public String getHeaderField(String name) {
    List<String> values = getHeaderFields(name);
    return values.isEmpty() ? null : values.get(0);
  }

  @Override
  public List<String> getHeaderFields(String name) {
    try {
      return response().headers().allValues(name);
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public int getContentLength() {
    String v = getHeaderField("Content-Length");
    try {
      return v == null ? -1 : Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void setInstanceFollowRedirects(boolean followRedirects) {
    // never: the client does not follow redirects, and JGit handles them itself
  }

  @Override
  public void setDoOutput(boolean dooutput) {}

  @Override
  public void setFixedLengthStreamingMode(int contentLength) {}

  @Override
  public OutputStream getOutputStream() {
    if (body == null) {
      body = new ByteArrayOutputStream();
    }
    return body;
  }

  @Override
  public void setChunkedStreamingMode(int chunklen) {}

  @Override
  public String getRequestMethod() {
    return method;
  }

  @Override
  public boolean usingProxy() {
    return false;
  }

  @Override
  public void connect() throws IOException {
    response();
  }

  @Override
  public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
    throw new UnsupportedOperationException("per-request TLS settings are not supported");
  }

  @Override
  public void setHostnameVerifier(HostnameVerifier hostnameverifier) {
    throw new UnsupportedOperationException("per-request TLS settings are not supported");
  }
}
