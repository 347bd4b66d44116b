package dev.workstation.membership;

import dev.workstation.input.JsonFields;
import dev.workstation.input.StrictJson;
import dev.workstation.util.Inert;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Authentik's group API, as its published OpenAPI schema ({@code schema.yml}) documents it: {@code
 * GET /api/v3/core/groups/?name=…&include_users=true&page=N&page_size=M} with a bearer token, which
 * answers a {@code PaginatedGroupList} — {@code pagination} ({@code next} is the next page's
 * number, 0 on the last) and {@code results}, each a {@code Group} whose {@code users_obj} holds
 * its members ({@code GroupMember}: {@code pk}, {@code username}, {@code name}, {@code email},
 * {@code is_active}). Fields it does not use are ignored, so a newer Authentik that adds some still
 * reads; a field it uses of the wrong type, a missing one, or any answer but 200 JSON fails the
 * whole read: nothing may change on a half-read group.
 */
public final class AuthentikClient implements GroupSource {
  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 20;
  static final int BODY_CAP = 8 << 20;
  static final Duration CONNECT = Duration.ofSeconds(10);
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private final URI base;
  private final String token;
  private final HttpClient http = WebCall.client(CONNECT);

  /** The client of the IdP at {@code url}, authenticating with {@code token}. */
  public AuthentikClient(String url, String token) {
    this.base = URI.create(url.replaceAll("/+$", "") + "/");
    this.token = token;
  }

  @Override
  public List<IdpGroup> groups(String name) throws IdpException {
    List<IdpGroup> out = new ArrayList<>();
    long page = 1;
    for (int n = 0; n < MAX_PAGES; n++) {
      try {
        JsonFields body = page(name, page);
        for (JsonFields g : body.objects("results")) {
          out.add(group(g));
        }
        long next = body.object("pagination").number("next", 0, Integer.MAX_VALUE);
        if (next == 0) {
          return out;
        }
        if (next <= page) {
          throw new IdpException(where() + ": its paging does not advance (page " + page + ")");
        }
        page = next;
      } catch (Malformed e) {
        throw new IdpException(
            where() + ": not a group list as Authentik documents it: " + e.getMessage());
      }
    }
    throw new IdpException(where() + ": more than " + MAX_PAGES + " pages of groups named so");
  }

  private JsonFields page(String name, long page) throws IdpException {
    URI uri =
        base.resolve(
            "api/v3/core/groups/?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&include_users=true&page="
                + page
                + "&page_size="
                + PAGE_SIZE);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(DEADLINE)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    WebCall.Response r;
    try {
      r = WebCall.send(http, request, DEADLINE, BODY_CAP);
    } catch (WebCall.CallFailed e) {
      throw new IdpException(where() + ": " + e.getMessage());
    }
    if (r.status() != 200) {
      throw new IdpException(where() + ": " + refusal(r));
    }
    Object json;
    try {
      json = StrictJson.parse(new String(r.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IdpException(where() + ": the answer is not JSON (" + e.getMessage() + ")");
    }
    return JsonFields.of("page " + page, json, Malformed::new);
  }

  private static IdpGroup group(JsonFields g) {
    String name = g.text("name", Integer.MAX_VALUE);
    if (!g.has("users_obj")) {
      throw new Malformed("group without users_obj (the server ignored include_users=true)");
    }
    List<IdpGroup.Member> members = new ArrayList<>();
    for (JsonFields u : g.objects("users_obj")) {
      members.add(
          new IdpGroup.Member(
              u.number("pk", 0, Long.MAX_VALUE),
              u.text("username", Integer.MAX_VALUE),
              u.optText("name", Integer.MAX_VALUE).orElse(""),
              u.optText("email", Integer.MAX_VALUE).filter(e -> !e.isEmpty()),
              // GroupMember's is_active is optional in the schema; the model's default is true
              u.optBool("is_active").orElse(true)));
    }
    return new IdpGroup(name, members);
  }

  /** What a refusal means, with the IdP's own short {@code detail} (escaped) when it sent one. */
  private String refusal(WebCall.Response r) {
    String meaning =
        switch (r.status()) {
          case 401, 403 -> "refused the token in membership.token_file (HTTP " + r.status() + ")";
          case 404 -> "no group API there (HTTP 404; is membership.url the IdP's base URL?)";
          default ->
              r.status() >= 300 && r.status() < 400
                  ? "answered with a redirect (HTTP " + r.status() + "), which is not followed"
                  : "HTTP " + r.status();
        };
    return meaning + detail(r).map(d -> ": " + d).orElse("");
  }

  private Optional<String> detail(WebCall.Response r) {
    try {
      Object json = StrictJson.parse(new String(r.body(), StandardCharsets.UTF_8));
      String d = JsonFields.of("error", json, Malformed::new).text("detail", 200);
      return Optional.of(Inert.text(token.isEmpty() ? d : d.replace(token, "<token>")));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private String where() {
    return "the IdP at " + WebCall.origin(base);
  }

  /** A field of the answer that is not what the schema says. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message);
    }
  }
}
