package dev.workstation.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.workstation.util.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A KV-v2-compatible Vault fake — the one fake this project allows, because no Vault or OpenBao
 * server is installable here. It speaks the documented HTTP API the real client uses: {@code GET
 * /v1/<mount>/data/<path>} with {@code X-Vault-Token}, answering {@code {"data": {"data": …,
 * "metadata": …}}}, 403 for a wrong token, 404 for a missing secret. Tests drive it through the
 * real vault-java-driver inside {@code workstation}.
 */
public final class VaultFake implements AutoCloseable {
  private final HttpServer server;
  private final String token;
  private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
  private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

  public VaultFake(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/", this::handle);
    server.start();
  }

  public String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stores {@code fields} at {@code <mount>/<path>} (KV v2). */
  public VaultFake put(String mount, String path, Map<String, String> fields) {
    secrets.put(mount + "/data/" + path, fields);
    return this;
  }

  public List<String> requests() {
    return requests;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath().substring("/v1/".length());
    requests.add(ex.getRequestMethod() + " " + path);
    if (!token.equals(ex.getRequestHeaders().getFirst("X-Vault-Token"))) {
      send(ex, 403, Map.of("errors", List.of("permission denied")));
      return;
    }
    Map<String, String> data = secrets.get(path);
    if (!"GET".equals(ex.getRequestMethod()) || data == null) {
      send(ex, 404, Map.of("errors", List.of()));
      return;
    }
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("data", data);
    inner.put(
        "metadata",
        Map.of("version", 1, "created_time", "2026-11-23T00:00:00Z", "destroyed", false));
    send(
        ex,
        200,
        Map.of(
            "request_id",
            "fake",
            "lease_id",
            "",
            "renewable",
            false,
            "lease_duration",
            0,
            "data",
            inner));
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
