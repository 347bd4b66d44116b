package dev.workstation.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.site.MembershipConfig.OsUserFrom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every IdP value is hostile: a username, display name or e-mail may hold control characters, a
 * {@code #} or {@code =} (which would corrupt {@code <authentik_user>=<os_user>} lines), a newline
 * or a megabyte. Such a username or e-mail is refused; a display name is only ever shown, escaped
 * and shortened.
 */
class RollTest {
  static Roll check(OsUserFrom from, IdpGroup.Member... members) {
    return Roll.check(new IdpGroup("T3 Users", List.of(members)), from);
  }

  static IdpGroup.Member member(String username, String name, String email) {
    return new IdpGroup.Member(7, username, name, Optional.ofNullable(email), true);
  }

  @Test
  void a_hostile_username_is_refused_and_shown_escaped_and_short() {
    String mega = "a".repeat(1 << 20);
    for (String bad :
        List.of(
            "evil\u001b[2J", "a#b", "a=b", "two\nlines", "tab\tbed", "", "@x.org", mega, "ünï")) {
      Roll r = check(OsUserFrom.USERNAME, member(bad, "x", null));
      assertEquals(List.of(), r.people(), bad.length() > 80 ? "1 MiB" : bad);
      Roll.Refused refused = r.refused().get(0);
      assertTrue(refused.shown().length() <= Roll.SHOWN + 1, "shortened");
      assertTrue(refused.shown().chars().noneMatch(c -> c < 0x20 || c == 0x7f), refused.shown());
    }
    assertEquals(
        "evil\\x1b[2J",
        check(OsUserFrom.USERNAME, member("evil\u001b[2J", "", null)).refused().get(0).shown());
  }

  @Test
  void a_hostile_display_name_is_kept_only_as_short_escaped_text() {
    String mega = "\u001b]0;pwned\u0007" + "n".repeat(1 << 20);
    Roll r = check(OsUserFrom.USERNAME, member("alice", mega, null));
    Roll.Person p = r.people().get(0);
    assertEquals("alice", p.osUser());
    assertTrue(p.shown().startsWith("\\x1b]0;pwned\\x07nnn"), p.shown());
    assertTrue(p.shown().length() < 100, "a megabyte name is shown shortened");
  }

  @Test
  void the_account_name_can_come_from_the_e_mail_local_part_and_a_bad_e_mail_is_refused() {
    Roll r =
        check(
            OsUserFrom.EMAIL_LOCAL_PART,
            member("vbarzin", "Viktor", "Viktor.B@example.org"),
            member("nomail", "N", null),
            member("evilmail", "E", "a\nb@example.org"));
    assertEquals(List.of("viktor_b"), r.people().stream().map(Roll.Person::osUser).toList());
    assertEquals("vbarzin", r.people().get(0).identity(), "the identity is still the username");
    assertEquals(2, r.refused().size());
    assertTrue(r.refused().get(0).why().contains("no usable e-mail address"));
  }

  @Test
  void os_names_are_folded_to_what_useradd_accepts() {
    assertEquals("anca_elena98", OsNames.of("Anca.Elena98"));
    assertEquals("emil_barzin", OsNames.of("emil.barzin@gmail.com"));
    assertEquals("u9lives", OsNames.of("9lives"));
    assertEquals("u_x", OsNames.of("_x"));
    assertEquals("u_mile", OsNames.of("Émile"));
    assertEquals(32, OsNames.of("a".repeat(100)).length());
  }
}
