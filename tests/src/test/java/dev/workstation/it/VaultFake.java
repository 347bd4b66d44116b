package dev.workstation.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Vault fake — the one fake this project allows, because no Vault or OpenBao server is
 * installable here — speaking the parts of Vault's documented HTTP API the product uses, driven by
 * the real vault-java-driver inside {@code workstation}:
 *
 * <ul>
 *   <li>KV v2: {@code GET} and {@code POST /v1/<mount>/data/<path>} ({@code {"data": {"data": …,
 *       "metadata": {"version": n}}}}, check-and-set through {@code options.cas}); 404 for a
 *       missing secret;
 *   <li>the token auth method ({@link VaultFakeTokens}): {@code auth/token/create}, {@code
 *       create-orphan}, {@code lookup-self}, {@code renew-self}, {@code lookup-accessor}, {@code
 *       revoke-accessor} — 400 "invalid accessor" for a token it does not have;
 *   <li>ACL policies ({@link VaultFakePolicies}), written in HCL and enforced on every path: 403
 *       "permission denied" for a token they do not allow, and for an unknown, revoked or lapsed
 *       token; {@code GET sys/policies/acl/<name>}.
 * </ul>
 *
 * The constructor's token is a root token, as before the token API existed.
 */
public final class VaultFake implements AutoCloseable {
  private final HttpServer server;
  private final VaultFakeTokens tokens = new VaultFakeTokens();
  private final VaultFakePolicies policies = new VaultFakePolicies();
  private final Map<String, Versions> kv = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** One KV v2 secret: its current version's keys (null once deleted) and its version. */
  record Versions(int version, Map<String, Object> data) {}

  public VaultFake(String rootToken) throws IOException {
    tokens.root(rootToken);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/", this::handle);
    server.start();
  }

  public String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stores {@code fields} at {@code <mount>/<path>} (KV v2), as a new version. */
  public VaultFake put(String mount, String path, Map<String, ?> fields) {
    String key = mount + "/data/" + path;
    kv.compute(
        key,
        (k, old) -> new Versions(old == null ? 1 : old.version() + 1, new LinkedHashMap<>(fields)));
    return this;
  }

  /** The keys at {@code <mount>/<path>} now; empty when there is no secret. */
  public Optional<Map<String, Object>> get(String mount, String path) {
    return Optional.ofNullable(kv.get(mount + "/data/" + path)).map(Versions::data);
  }

  /**
   * Adds (or replaces) the ACL policy {@code name}, written as {@code vault policy write} takes.
   */
  public VaultFake policy(String name, String hcl) {
    policies.put(name, hcl);
    return this;
  }

  /**
   * Issues a token the way {@code auth/token/create} would for a sudo caller (an orphan), for a
   * test that needs one without going through the product: its id.
   */
  public String issue(String displayName, List<String> tokenPolicies, Duration period) {
    return tokens.create(displayName, tokenPolicies, period, Duration.ZERO, true, null).id;
  }

  /** The live token behind {@code accessor}, as {@code lookup-accessor} shows it. */
  public Optional<Map<String, Object>> byAccessor(String accessor) {
    return tokens.byAccessor(accessor).map(e -> tokens.lookup(e, false));
  }

  /** Whether the token behind {@code accessor} was revoked (by a call, its parent or lapsing). */
  public boolean revoked(String accessor) {
    return tokens.wasRevoked(accessor);
  }

  /** Every live token, as {@code lookup-accessor} shows it. */
  public List<Map<String, Object>> liveTokens() {
    return tokens.all().stream().map(e -> tokens.lookup(e, false)).toList();
  }

  /** Moves the fake's clock on: tokens not renewed within their period lapse. */
  public void elapse(Duration d) {
    tokens.elapse(d);
  }

  public List<String> requests() {
    return requests;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().substring("/v1/".length());
      String method = ex.getRequestMethod();
      requests.add(method + " " + path);
      Optional<VaultFakeTokens.Entry> caller =
          tokens.live(ex.getRequestHeaders().getFirst("X-Vault-Token"));
      if (caller.isEmpty()) {
        send(ex, 403, errors("permission denied"));
        return;
      }
      Map<?, ?> body = body(ex);
      if (path.startsWith("auth/token/")) {
        new VaultFakeTokenApi(tokens, policies).handle(ex, path, caller.get(), body);
      } else if (path.startsWith("sys/policies/acl/") && method.equals("GET")) {
        policyRead(ex, path, caller.get());
      } else if (path.contains("/data/")) {
        kv(ex, method, path, caller.get(), body);
      } else {
        send(ex, 404, errors());
      }
    }
  }

  private void policyRead(HttpExchange ex, String path, VaultFakeTokens.Entry caller)
      throws IOException {
    String name = path.substring("sys/policies/acl/".length());
    if (!policies.allows(caller.policies, path, "read")) {
      send(ex, 403, errors("permission denied"));
    } else if (policies.text(name) == null) {
      send(ex, 404, errors());
    } else {
      send(ex, 200, Map.of("data", Map.of("name", name, "policy", policies.text(name))));
    }
  }

  private void kv(
      HttpExchange ex, String method, String path, VaultFakeTokens.Entry caller, Map<?, ?> body)
      throws IOException {
    Versions current = kv.get(path);
    if (method.equals("GET")) {
      if (!policies.allows(caller.policies, path, "read")) {
        send(ex, 403, errors("permission denied"));
      } else if (current == null || current.data() == null) {
        send(ex, 404, errors());
      } else {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("data", current.data());
        inner.put("metadata", metadata(current.version()));
        send(ex, 200, envelope(inner));
      }
      return;
    }
    if (!method.equals("POST") && !method.equals("PUT")) {
      send(ex, 405, errors("unsupported operation"));
      return;
    }
    String capability = current == null ? "create" : "update";
    if (!policies.allows(caller.policies, path, capability)) {
      send(ex, 403, errors("permission denied"));
      return;
    }
    if (!(body.get("data") instanceof Map<?, ?> data)) {
      send(ex, 400, errors("no data provided"));
      return;
    }
    int version = current == null ? 0 : current.version();
    if (body.get("options") instanceof Map<?, ?> options
        && options.get("cas") != null
        && ((Number) options.get("cas")).intValue() != version) {
      send(ex, 400, errors("check-and-set parameter did not match the current version"));
      return;
    }
    Map<String, Object> stored = new LinkedHashMap<>();
    data.forEach((k, v) -> stored.put(String.valueOf(k), v));
    kv.put(path, new Versions(version + 1, stored));
    send(ex, 200, envelope(metadata(version + 1)));
  }

  private static Map<String, Object> metadata(int version) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created_time", "2026-11-23T00:00:00Z");
    m.put("deletion_time", "");
    m.put("destroyed", false);
    m.put("version", version);
    return m;
  }

  static Map<String, Object> envelope(Object data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("request_id", "fake");
    out.put("lease_id", "");
    out.put("renewable", false);
    out.put("lease_duration", 0);
    out.put("data", data);
    return out;
  }

  static Map<String, Object> errors(String... messages) {
    return Map.of("errors", List.of(messages));
  }

  private static Map<?, ?> body(HttpExchange ex) throws IOException {
    String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return Map.of();
    }
    return StrictJson.parse(text) instanceof Map<?, ?> m ? m : Map.of();
  }

  static void send(HttpExchange ex, int status, Object body) throws IOException {
    if (status == 204) {
      ex.sendResponseHeaders(204, -1);
      return;
    }
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
