package dev.workstation.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.InvalidInputException;
import dev.workstation.roster.RosterEdits.NewRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RosterEditsTest {

  static final LocalDate DAY = LocalDate.of(2026, 11, 23);

  static final String ROSTER =
      """
      # The devvm roster. Keep these comments.
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}   # the admin
        # 2026-06-01 removed bob: left
        # bob: {authentik_user: bob, k8s_user: bob, tier: power-user}
        anca:
          authentik_user: ancaelena98   # SSO
          k8s_user: anca

          tier: namespace-owner
          namespaces: [plotting-book]
        emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}
      # trailing words
      """;

  static NewRow row(String user) {
    return new NewRow(
        user,
        user + ".sso",
        user,
        Tier.POWER_USER,
        List.of(),
        Optional.empty(),
        List.of(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void adding_appends_one_line_at_the_end_of_the_users_block() {
    String after = RosterEdits.addUser("r.yaml", ROSTER, row("zed"));
    assertEquals(
        ROSTER.replace(
            "  emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}\n",
            "  emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}\n"
                + "  zed: {authentik_user: zed.sso, k8s_user: zed, tier: power-user}\n"),
        after);
    assertTrue(RosterParser.parse("r.yaml", after.getBytes()).user("zed").isPresent());
  }

  @Test
  void adding_writes_every_given_field_and_quotes_what_needs_quoting() {
    NewRow r =
        new NewRow(
            "zed",
            "true",
            "z:x#y",
            Tier.NAMESPACE_OWNER,
            List.of("ns-a", "ns-b"),
            Optional.of(CodeLayout.WORKSPACE),
            List.of("tripit"),
            true,
            Optional.of("Zed Z"),
            Optional.of("zed@example.org"),
            Optional.of("zedf"));
    String after = RosterEdits.addUser("r.yaml", "users:\n", r);
    UserSpec u = RosterParser.parse("r.yaml", after.getBytes()).user("zed").orElseThrow();
    assertEquals("true", u.authentikUser());
    assertEquals("z:x#y", u.k8sUser());
    assertEquals(List.of("ns-a", "ns-b"), u.namespaces());
    assertEquals(List.of("tripit"), u.repos());
    assertTrue(u.parked());
    assertEquals(Optional.of("Zed Z"), u.gitName());
  }

  @Test
  void adding_to_a_file_without_users_creates_the_block() {
    String after = RosterEdits.addUser("r.yaml", "# empty roster", row("zed"));
    assertEquals(
        "# empty roster\nusers:\n  zed: {authentik_user: zed.sso, k8s_user: zed, tier: power-user}\n",
        after);
  }

  @Test
  void adding_with_a_note_writes_it_as_one_comment_line_just_above_the_row() {
    String after =
        RosterEdits.addUser(
            "r.yaml", ROSTER, row("zed"), Optional.of("2026-11-23 joined T3 Users"));
    assertEquals(
        ROSTER.replace(
            "  emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}\n",
            "  emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}\n"
                + "  # 2026-11-23 joined T3 Users\n"
                + "  zed: {authentik_user: zed.sso, k8s_user: zed, tier: power-user}\n"),
        after);
    assertEquals(
        "users:\n  # why\n  zed: {authentik_user: zed.sso, k8s_user: zed, tier: power-user}\n",
        RosterEdits.addUser("r.yaml", "", row("zed"), Optional.of("why")));
  }

  @Test
  void a_note_on_add_that_is_not_one_line_is_refused() {
    for (String note : List.of("", "two\nlines", "esc\u001b[2J", "  ")) {
      assertThrows(
          InvalidInputException.class,
          () -> RosterEdits.addUser("r.yaml", ROSTER, row("zed"), Optional.of(note)),
          note);
    }
  }

  @Test
  void adding_a_user_with_a_live_row_is_refused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> RosterEdits.addUser("r.yaml", ROSTER, row("emo")));
    assertTrue(e.getMessage().contains("users.emo: already has a live row"), e.getMessage());
  }

  @Test
  void adding_a_row_that_would_make_the_roster_invalid_is_refused() {
    NewRow dup =
        new NewRow(
            "zed",
            "vbarzin",
            "zed",
            Tier.ADMIN,
            List.of(),
            Optional.empty(),
            List.of(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> RosterEdits.addUser("r.yaml", ROSTER, dup));
    assertTrue(e.getMessage().contains("users.zed.authentik_user"), e.getMessage());
  }

  @Test
  void a_commented_out_user_can_be_added_again() {
    String after = RosterEdits.addUser("r.yaml", ROSTER, row("bob"));
    assertTrue(after.contains("  # bob: {authentik_user: bob"));
    assertTrue(RosterParser.parse("r.yaml", after.getBytes()).user("bob").isPresent());
  }

  @Test
  void removing_comments_the_whole_row_out_under_a_dated_note() {
    String after = RosterEdits.removeUser("r.yaml", ROSTER, "anca", "moved on", DAY);
    String expected =
        ROSTER.replace(
            """
              anca:
                authentik_user: ancaelena98   # SSO
                k8s_user: anca

                tier: namespace-owner
                namespaces: [plotting-book]
            """,
            """
              # 2026-11-23 removed anca: moved on
              # anca:
              #   authentik_user: ancaelena98   # SSO
              #   k8s_user: anca

              #   tier: namespace-owner
              #   namespaces: [plotting-book]
            """);
    assertEquals(expected, after);
    assertFalse(RosterParser.parse("r.yaml", after.getBytes()).user("anca").isPresent());
  }

  @Test
  void removing_an_absent_or_already_commented_user_is_refused() {
    assertThrows(
        InvalidInputException.class,
        () -> RosterEdits.removeUser("r.yaml", ROSTER, "bob", "x", DAY));
    assertThrows(
        InvalidInputException.class,
        () -> RosterEdits.removeUser("r.yaml", ROSTER, "nobody", "x", DAY));
  }

  @Test
  void a_multi_line_note_is_refused() {
    assertThrows(
        InvalidInputException.class,
        () -> RosterEdits.removeUser("r.yaml", ROSTER, "emo", "a\nb", DAY));
  }

  @Test
  void crlf_files_keep_their_line_endings() {
    String crlf = ROSTER.replace("\n", "\r\n");
    String after = RosterEdits.addUser("r.yaml", crlf, row("zed"));
    assertFalse(after.replace("\r\n", "").contains("\n"), "a bare LF crept in");
    String removed = RosterEdits.removeUser("r.yaml", after, "zed", "gone", DAY);
    assertFalse(removed.replace("\r\n", "").contains("\n"));
  }

  @Test
  void parking_changes_only_the_row_and_unparking_restores_the_value() {
    String parked = RosterEdits.setParked("r.yaml", ROSTER, "emo", true);
    assertEquals(
        ROSTER.replace(
            "k8s_user: emo, tier: power-user}", "k8s_user: emo, tier: power-user, parked: true}"),
        parked);
    String unparked = RosterEdits.setParked("r.yaml", parked, "emo", false);
    assertFalse(
        RosterParser.parse("r.yaml", unparked.getBytes()).user("emo").orElseThrow().parked());
    String blockParked = RosterEdits.setParked("r.yaml", ROSTER, "anca", true);
    assertTrue(
        RosterParser.parse("r.yaml", blockParked.getBytes()).user("anca").orElseThrow().parked());
    assertEquals(ROSTER.lines().count() + 1, blockParked.lines().count());
  }

  /**
   * Property: for random valid rosters (flow and block rows, comments, blank lines, commented-out
   * rows), add→remove leaves every original byte in place; the only difference is the edited row,
   * now commented out.
   */
  @Test
  void random_rosters_survive_add_then_remove_byte_identically_except_the_edited_row() {
    Random random = new Random(20261123);
    for (int round = 0; round < 300; round++) {
      String original = randomRoster(random);
      RosterParser.parse("r.yaml", original.getBytes());
      String added = RosterEdits.addUser("r.yaml", original, row("newcomer"));
      String removed =
          RosterEdits.removeUser("r.yaml", added, "newcomer", "test round " + round, DAY);
      List<String> kept = new ArrayList<>(Arrays.asList(removed.split("\n", -1)));
      kept.removeIf(
          l -> l.trim().startsWith("# newcomer:") || l.contains("removed newcomer: test round"));
      String result = String.join("\n", kept);
      // appending after a last line that had no newline must give that line one
      String expected = result.equals(original + "\n") ? original + "\n" : original;
      assertEquals(expected, result, "round " + round + ":\n" + original);
    }
  }

  @Test
  void removing_a_random_existing_user_touches_only_that_row() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      String original = randomRoster(random);
      Roster roster = RosterParser.parse("r.yaml", original.getBytes());
      if (roster.users().isEmpty()) {
        continue;
      }
      List<String> names = new ArrayList<>(roster.users().keySet());
      String victim = names.get(random.nextInt(names.size()));
      String removed = RosterEdits.removeUser("r.yaml", original, victim, "bye", DAY);
      Roster after = RosterParser.parse("r.yaml", removed.getBytes());
      names.remove(victim);
      assertEquals(names, List.copyOf(after.users().keySet()));
      // un-commenting the lines we commented gives the original back
      List<String> lines = new ArrayList<>(Arrays.asList(removed.split("\n", -1)));
      lines.removeIf(l -> l.contains("removed " + victim + ": bye"));
      String restored =
          String.join("\n", lines)
              .replaceAll("(?m)^(\\s*)# ((?:" + victim + ":| {2,}| *$).*)$", "$1$2");
      assertEquals(
          RosterParser.parse("r.yaml", original.getBytes()),
          RosterParser.parse("r.yaml", restored.getBytes()),
          "round " + round);
    }
  }

  static String randomRoster(Random r) {
    StringBuilder b = new StringBuilder();
    if (r.nextBoolean()) {
      b.append("# roster ").append(r.nextInt(1000)).append("\n\n");
    }
    b.append("users:").append(r.nextBoolean() ? "  # who\n" : "\n");
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String name = "u" + i + (char) ('a' + r.nextInt(26));
      switch (r.nextInt(5)) {
        case 0 ->
            b.append("  ")
                .append(name)
                .append(": {authentik_user: ")
                .append(name)
                .append(".sso, k8s_user: ")
                .append(name)
                .append(", tier: power-user}\n");
        case 1 ->
            b.append("  ")
                .append(name)
                .append(":\n    authentik_user: ")
                .append(name)
                .append("\n    # a note inside\n    k8s_user: k")
                .append(i)
                .append("\n\n    tier: admin\n");
        case 2 ->
            b.append("  # 2026-01-0")
                .append(1 + r.nextInt(9))
                .append(" removed old")
                .append(i)
                .append(": reasons\n  # old")
                .append(i)
                .append(": {authentik_user: o, k8s_user: o, tier: admin}\n");
        case 3 ->
            b.append("  ")
                .append(name)
                .append(":\n    authentik_user: \"")
                .append(name)
                .append("\"\n    k8s_user: ")
                .append(name)
                .append("\n    tier: namespace-owner\n    namespaces:\n      - ns")
                .append(i)
                .append("\n");
        default -> b.append("\n  # just a comment ").append(i).append("\n");
      }
    }
    if (r.nextBoolean()) {
      b.append("# end\n");
    }
    String s = b.toString();
    return r.nextInt(10) == 0 ? s.stripTrailing() : s;
  }
}
