package dev.workstation.membership;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with a web service the site named (the IdP, the announcement hook), on the
 * JDK's {@link HttpClient} as {@code git.GitHttp} uses it: redirects never followed (a bearer token
 * must not travel to where a redirect points), a connect timeout, and a deadline on the whole
 * exchange — the body included, so a server that trickles its answer cannot hold the run — and a
 * cap on what is read.
 */
final class WebCall {
  private WebCall() {}

  /** A response: status and body (at most the cap). */
  record Response(int status, String contentType, byte[] body) {}

  /** Thrown with a message fit for the operator: what went wrong, never a header or a body. */
  static final class CallFailed extends Exception {
    CallFailed(String message) {
      super(message);
    }
  }

  static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /**
   * Sends {@code request}; the whole exchange within {@code deadline}, the body within {@code cap}.
   */
  static Response send(HttpClient client, HttpRequest request, Duration deadline, int cap)
      throws CallFailed {
    CompletableFuture<HttpResponse<byte[]>> call =
        client.sendAsync(request, info -> new CappedBody(cap));
    try {
      HttpResponse<byte[]> r = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new Response(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new CallFailed("no complete answer within " + deadline.toSeconds() + " s");
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new CallFailed("interrupted");
    } catch (ExecutionException e) {
      throw new CallFailed(why(e.getCause()));
    }
  }

  /** The scheme, host and port of {@code uri}: what a message may say about where it went. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static String why(Throwable t) {
    if (t instanceof BodyTooLarge big) {
      return big.getMessage();
    }
    String last = t.getClass().getSimpleName();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      last = c.getClass().getSimpleName();
      String known =
          switch (last) {
            case "ConnectException" -> "connection refused";
            case "HttpConnectTimeoutException", "HttpTimeoutException" -> "timed out";
            case "UnknownHostException", "UnresolvedAddressException" -> "unknown host";
            case "SSLHandshakeException" -> "TLS handshake failed (certificate not trusted?)";
            default -> null;
          };
      if (known != null) {
        return known;
      }
    }
    return "unreachable (" + last + ")";
  }

  private static final class BodyTooLarge extends IOException {
    BodyTooLarge(int cap) {
      super("the answer is larger than " + (cap >> 20) + " MiB");
    }
  }

  /** Collects a body up to {@code cap} bytes; past that the exchange is cancelled. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final int cap;
    private Flow.Subscription subscription;

    CappedBody(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        if (result.isDone()) {
          return;
        }
        if ((long) buffer.size() + b.remaining() > cap) {
          subscription.cancel();
          result.completeExceptionally(new BodyTooLarge(cap));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }
}
