package dev.workstation.freshen;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One request to the session service, read as a strict subset of HTTP/1.1 so that {@code curl
 * --unix-socket} is a client: {@code GET <path>[?<query>] HTTP/1.1}, header lines, an empty line,
 * no body. The head is at most {@link #MAX_HEAD} bytes with at most {@link #MAX_HEADERS} header
 * lines, every line ends in CRLF, a header value is visible ASCII, {@code Host} comes exactly once,
 * and nothing follows the head. Only the paths and query keys the service knows are accepted, each
 * key once, values percent-decoded to printable UTF-8. Anything else is refused with the status
 * that says why; nothing in a request names a user (the kernel does: {@code SO_PEERCRED}).
 */
record ServiceRequest(String path, Map<String, String> query) {
  static final int MAX_HEAD = 8192;
  static final int MAX_HEADERS = 32;
  static final int MAX_VALUE = 1024;

  /** The paths served and the query keys each takes. */
  static final Map<String, Set<String>> PATHS =
      Map.of(
          "/session-start", Set.of("format"),
          "/freshen", Set.of("format", "config", "user", "jobs"));

  /** What {@link #parse} made of the bytes read so far. */
  sealed interface Parsed permits Incomplete, Complete, Refused {}

  /** The head has not ended yet (and is within its cap). */
  record Incomplete() implements Parsed {}

  /** A well-formed request. */
  record Complete(ServiceRequest request) implements Parsed {}

  /** Not a request the service takes: the status to answer and why. */
  record Refused(int status, String reason) implements Parsed {}

  /** Parses {@code len} bytes of {@code buf}, all that the client has sent so far. */
  static Parsed parse(byte[] buf, int len) {
    for (int i = 0; i < len; i++) {
      if (buf[i] == '\n' && (i == 0 || buf[i - 1] != '\r')) {
        return new Refused(400, "every line of the request ends in CRLF");
      }
    }
    int end = headEnd(buf, len);
    if (end < 0) {
      return len >= MAX_HEAD
          ? new Refused(431, "request head larger than " + MAX_HEAD + " bytes")
          : new Incomplete();
    }
    if (end > MAX_HEAD) {
      return new Refused(431, "request head larger than " + MAX_HEAD + " bytes");
    }
    if (end != len) {
      return new Refused(400, "a request has no body and comes alone");
    }
    for (int i = 0; i < end; i++) {
      int b = buf[i] & 0xff;
      if (b >= 0x7f || (b < 0x20 && b != '\r' && b != '\n' && b != '\t')) {
        return new Refused(400, "the request head holds a byte outside visible ASCII");
      }
    }
    String head = new String(buf, 0, end - 4, StandardCharsets.US_ASCII);
    String[] lines = head.split("\r\n", -1);
    for (String line : lines) {
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        return new Refused(400, "every line of the request ends in CRLF");
      }
    }
    if (lines.length - 1 > MAX_HEADERS) {
      return new Refused(431, "more than " + MAX_HEADERS + " header lines");
    }
    Parsed headers = headers(lines);
    return headers != null ? headers : requestLine(lines[0]);
  }

  /** Index just past the first CRLF CRLF, or -1. */
  private static int headEnd(byte[] buf, int len) {
    for (int i = 3; i < len; i++) {
      if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /** null when the header lines are acceptable; else why not. */
  private static Parsed headers(String[] lines) {
    int hosts = 0;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.substring(0, colon).matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        return new Refused(400, "a header line is not 'name: value'");
      }
      String name = line.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (name) {
        case "host" -> hosts++;
        case "content-length" -> {
          if (!value.equals("0")) {
            return new Refused(400, "a request has no body");
          }
        }
        case "transfer-encoding", "expect", "upgrade" -> {
          return new Refused(400, "a request has no body and no upgrade");
        }
        default -> {}
      }
    }
    return hosts == 1 ? null : new Refused(400, "an HTTP/1.1 request has one Host header");
  }

  private static Parsed requestLine(String line) {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !parts[2].equals("HTTP/1.1")) {
      return new Refused(400, "the request line is not 'GET <path> HTTP/1.1'");
    }
    if (!parts[0].equals("GET")) {
      return new Refused(405, "only GET is served");
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Set<String> keys = PATHS.get(path);
    if (keys == null) {
      return new Refused(404, "no such path; the service serves /session-start");
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0 && q + 1 < target.length()) {
      for (String pair : target.substring(q + 1).split("&", -1)) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? null : decode(pair.substring(eq + 1));
        if (!keys.contains(key) || value == null || query.putIfAbsent(key, value) != null) {
          return new Refused(400, "query parameters: each of " + keys + " at most once, k=v");
        }
      }
    }
    return new Complete(new ServiceRequest(path, Map.copyOf(query)));
  }

  /** Percent-decoding to printable UTF-8 within {@link #MAX_VALUE} bytes; null when not that. */
  static String decode(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          return null;
        }
        out.write(java.util.HexFormat.fromHexDigits(s, i + 1, i + 3));
        i += 2;
      } else if (c == '+' || c == '#') {
        return null;
      } else {
        out.write(c);
      }
    }
    if (out.size() > MAX_VALUE) {
      return null;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
    return text.codePoints().allMatch(cp -> cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0))
        ? text
        : null;
  }

  /** {@code format=json} asked for. */
  boolean json() {
    return "json".equals(query.get("format"));
  }
}
