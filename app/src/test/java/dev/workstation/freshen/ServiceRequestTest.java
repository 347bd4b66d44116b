package dev.workstation.freshen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceRequestTest {
  static ServiceRequest.Parsed parse(String head) {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return ServiceRequest.parse(b, b.length);
  }

  static int refused(String head) {
    return assertInstanceOf(ServiceRequest.Refused.class, parse(head)).status();
  }

  @Test
  void curls_request_is_read() {
    ServiceRequest r =
        assertInstanceOf(
                ServiceRequest.Complete.class,
                parse(
                    "GET /session-start HTTP/1.1\r\nHost: workstation\r\n"
                        + "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n"))
            .request();
    assertEquals("/session-start", r.path());
    assertEquals(Map.of(), r.query());
  }

  @Test
  void query_values_are_percent_decoded() {
    ServiceRequest r =
        assertInstanceOf(
                ServiceRequest.Complete.class,
                parse(
                    "GET /freshen?format=json&config=/etc/work%20station/w.yaml&jobs=4 HTTP/1.1\r\n"
                        + "Host: x\r\n\r\n"))
            .request();
    assertEquals("/etc/work station/w.yaml", r.query().get("config"));
    assertEquals("4", r.query().get("jobs"));
  }

  @Test
  void a_head_not_yet_ended_waits_for_more_within_its_cap() {
    assertInstanceOf(ServiceRequest.Incomplete.class, parse("GET /session-start HTTP/1.1\r\nHo"));
    assertEquals(431, refused("GET /session-start HTTP/1.1\r\nX: " + "a".repeat(9000)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a POST|POST /session-start HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|405",
        "HTTP/1.0|GET /session-start HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n|400",
        "no Host|GET /session-start HTTP/1.1\\r\\n\\r\\n|400",
        "two Hosts|GET /session-start HTTP/1.1\\r\\nHost: x\\r\\nHost: y\\r\\n\\r\\n|400",
        "a body|GET /session-start HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 5\\r\\n\\r\\n|400",
        "chunked|GET /session-start HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
        "bytes after the head|GET /session-start HTTP/1.1\\r\\nHost: x\\r\\n\\r\\nGET|400",
        "a bare LF|GET /session-start HTTP/1.1\\nHost: x\\r\\n\\r\\n|400",
        "a folded header|GET /session-start HTTP/1.1\\r\\nHost: x\\r\\n y\\r\\n\\r\\n|400",
        "a header without a colon|GET /session-start HTTP/1.1\\r\\nHost x\\r\\n\\r\\n|400",
        "an escape character|GET /session-start HTTP/1.1\\r\\nHost: \\u001b[2J\\r\\n\\r\\n|400",
        "a C1 byte|GET /session-start HTTP/1.1\\r\\nHost: \\u009b\\r\\n\\r\\n|400",
        "a NUL|GET /session-start\\u0000 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
        "another path|GET /etc/passwd HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|404",
        "a path with a dot segment|GET /session-start/../freshen HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|404",
        "an unknown query key|GET /session-start?user=root HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
        "a key twice|GET /freshen?user=a&user=b HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
        "a bad escape|GET /freshen?user=%zz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
        "an encoded newline|GET /freshen?user=a%0Ab HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
        "encoded bytes that are not UTF-8|GET /freshen?user=%ff%fe HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
        "two spaces|GET  /session-start HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
      })
  void anything_else_is_refused_with_the_status_that_says_why(
      String what, String head, int status) {
    assertEquals(status, refused(unescape(head)), what);
  }

  @Test
  void more_than_32_header_lines_are_refused() {
    assertEquals(
        431,
        refused("GET /session-start HTTP/1.1\r\nHost: x\r\n" + "A: b\r\n".repeat(32) + "\r\n"));
  }

  @Test
  void a_query_value_over_its_cap_is_refused() {
    assertEquals(
        400, refused("GET /freshen?config=" + "a".repeat(1100) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
  }

  /** {@code \r}, {@code \n} and {@code \\uXXXX} as written in the table above. */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && s.charAt(i + 1) == 'r') {
        b.append('\r');
        i++;
      } else if (c == '\\' && s.charAt(i + 1) == 'n') {
        b.append('\n');
        i++;
      } else if (c == '\\' && s.charAt(i + 1) == 'u') {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
