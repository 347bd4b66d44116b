package dev.workstation.freshen;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One answer of the session service: an HTTP/1.1 status, a body of UTF-8 text or JSON, and the
 * connection closed after it (one request per connection). Bodies are the service's own words and
 * values already escaped for where they go ({@code util.Inert} for text, the JSON writer for JSON).
 */
record ServiceReply(int status, String contentType, String body) {
  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json";

  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(400, "Bad Request"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(503, "Service Unavailable"));

  static ServiceReply text(int status, String body) {
    return new ServiceReply(status, TEXT, body);
  }

  static ServiceReply json(String body) {
    return new ServiceReply(200, JSON, body);
  }

  /** A refusal: the status, and one line saying why (ours, never the client's bytes). */
  static ServiceReply refused(int status, String reason) {
    return text(status, "session-start: " + reason + "\n");
  }

  /** Status line, headers and body, as sent. */
  byte[] bytes() {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + REASONS.getOrDefault(status, "Status")
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + b.length
            + "\r\nCache-Control: no-store\r\nConnection: close\r\n"
            + (status == 405 ? "Allow: GET\r\n" : "")
            + "\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + b.length);
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(b);
    return out.toByteArray();
  }
}
