package dev.workstation.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.AuthentikFake;
import dev.workstation.fixtures.AuthentikFake.User;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's Authentik client against the Authentik fake (the shapes of Authentik's published
 * OpenAPI schema): the documented query, every page, the members as the schema shapes them, and
 * every way a read fails — a refused token, an unreachable IdP, an answer too big or not of the
 * documented shape — as an error that names the IdP and never the token.
 */
class AuthentikClientIT {
  static final String TOKEN = "ak-secret-token";
  AuthentikFake fake;

  @BeforeEach
  void start() throws Exception {
    fake = AuthentikFake.start(TOKEN);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  List<IdpGroup> read(String token) throws IdpException {
    return new AuthentikClient(fake.url() + "/", token).groups("T3 Users");
  }

  @Test
  void one_group_is_read_with_its_members_through_the_documented_query() throws Exception {
    fake.group(
        "T3 Users",
        List.of(
            new User("vbarzin@gmail.com", "Viktor Barzin", "vbarzin@gmail.com", true),
            new User("gone", "Gone", "", false)));
    fake.group("Other", List.of(User.of("x")));
    List<IdpGroup> groups = read(TOKEN);
    assertEquals(1, groups.size());
    assertEquals("T3 Users", groups.get(0).name());
    IdpGroup.Member v = groups.get(0).members().get(0);
    assertEquals("vbarzin@gmail.com", v.username());
    assertEquals("Viktor Barzin", v.name());
    assertEquals("vbarzin@gmail.com", v.email().orElseThrow());
    assertTrue(v.active());
    assertFalse(groups.get(0).members().get(1).active());
    assertTrue(groups.get(0).members().get(1).email().isEmpty(), "an empty e-mail is none");
    assertEquals(
        List.of("GET /api/v3/core/groups/?name=T3+Users&include_users=true&page=1&page_size=100"),
        fake.requests());
  }

  @Test
  void every_page_of_results_is_read() throws Exception {
    for (int i = 0; i < 150; i++) {
      fake.duplicate("T3 Users");
    }
    assertEquals(150, read(TOKEN).size());
    assertEquals(2, fake.requests().size());
    assertTrue(fake.requests().get(1).contains("&page=2&"), fake.requests().toString());
  }

  @Test
  void a_refused_token_is_an_error_with_authentiks_detail_and_without_the_token() {
    IdpException e = assertThrows(IdpException.class, () -> read("wrong-token"));
    assertEquals(
        "the IdP at "
            + fake.url()
            + ": refused the token in membership.token_file (HTTP 403): Token invalid/expired",
        e.getMessage());
  }

  @Test
  void an_unreachable_idp_is_an_error() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    IdpException e =
        assertThrows(
            IdpException.class,
            () -> new AuthentikClient("http://127.0.0.1:" + port, TOKEN).groups("T3 Users"));
    assertEquals("the IdP at http://127.0.0.1:" + port + ": connection refused", e.getMessage());
  }

  @Test
  void an_answer_over_the_cap_is_refused_without_reading_the_rest() {
    fake.answerWith("\"" + "x".repeat(9 << 20) + "\"");
    IdpException e = assertThrows(IdpException.class, () -> read(TOKEN));
    assertTrue(e.getMessage().endsWith(": the answer is larger than 8 MiB"), e.getMessage());
  }

  @Test
  void an_answer_not_of_the_documented_shape_fails_the_whole_read() {
    List<String> bodies = new ArrayList<>();
    bodies.add("{\"pagination\": {\"next\": 0}, \"results\": [{\"name\": \"T3 Users\"}]}");
    bodies.add(
        "{\"pagination\": {\"next\": 0}, \"results\": [{\"name\": \"T3 Users\", \"users_obj\":"
            + " [{\"pk\": 1, \"username\": 42}]}]}");
    bodies.add("{\"results\": []}");
    bodies.add("<html>Bad gateway</html>");
    bodies.add("{\"pagination\": {\"next\": 1}, \"results\": []}");
    List<String> expected =
        List.of(
            "group without users_obj (the server ignored include_users=true)",
            "field \"username\" expected a string",
            "field \"pagination\" is missing",
            "the answer is not JSON",
            "its paging does not advance");
    for (int i = 0; i < bodies.size(); i++) {
      fake.answerWith(bodies.get(i));
      IdpException e = assertThrows(IdpException.class, () -> read(TOKEN));
      assertTrue(e.getMessage().contains(expected.get(i)), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN));
    }
  }
}
