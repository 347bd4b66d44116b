package dev.workstation.membership;

import dev.workstation.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Posts each change to {@code membership.announce_url} as JSON {@code {"text": …}} (what Slack's
 * and Mattermost's incoming webhooks take). An announcement that fails is a warning: the commit it
 * reports stays. The URL is a secret of its own (a webhook's path is its token), so messages name
 * only its scheme, host and port.
 */
final class Announcer {
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private final URI url;
  private final HttpClient http = WebCall.client(Duration.ofSeconds(5));

  Announcer(String url) {
    this.url = URI.create(url);
  }

  /** Posts each of {@code texts} in order; returns a warning per one that failed. */
  List<String> post(List<String> texts) {
    List<String> warnings = new ArrayList<>();
    for (String text : texts) {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(DEADLINE)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      Json.write(Map.of("text", text)), StandardCharsets.UTF_8))
              .build();
      String failed;
      try {
        int status = WebCall.send(http, request, DEADLINE, 64 << 10).status();
        failed = status / 100 == 2 ? null : "HTTP " + status;
      } catch (WebCall.CallFailed e) {
        failed = e.getMessage();
      }
      if (failed != null) {
        warnings.add(
            "announcement to "
                + WebCall.origin(url)
                + " failed ("
                + failed
                + "); the commit stays");
      }
    }
    return warnings;
  }
}
