package dev.workstation.plan;

import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Non-admins may push to the roster repository; only listed admins may grant admin. A row with
 * {@code tier: admin} is honoured only when every line of it was last changed (git blame) by an
 * author in {@code roster.admins}; otherwise that user is treated as not admin — no admin groups,
 * not in {@code /etc/ttyd-admins} — and the refusal is reported loudly. Off when no admins are
 * configured (plan warns) and for {@code --roster FILE} (no history).
 */
public final class EscalationGuard {
  private EscalationGuard() {}

  public record Result(Set<String> refused, List<Note> notes) {}

  public static Result check(
      String file,
      byte[] text,
      Roster roster,
      Optional<List<String>> lineAuthors,
      List<String> admins) {
    Set<String> refused = new TreeSet<>();
    List<Note> notes = new java.util.ArrayList<>();
    if (lineAuthors.isEmpty()) {
      return new Result(refused, notes);
    }
    if (admins.isEmpty()) {
      notes.add(
          Note.warn(
              "-",
              "roster.admins is not set in the site config: the escalation guard is off (anyone who can push may grant admin)"));
      return new Result(refused, notes);
    }
    Set<String> allowed = new HashSet<>();
    admins.forEach(a -> allowed.add(a.toLowerCase(Locale.ROOT)));
    String content = new String(text, StandardCharsets.UTF_8);
    for (UserSpec u : roster.users().values()) {
      if (u.tier() != Tier.ADMIN) {
        continue;
      }
      int[] rows = RosterEdits.rowLines(file, content, u.osUser()).orElse(new int[] {0, -1});
      Set<String> authors = new TreeSet<>();
      for (int line = rows[0]; line <= rows[1]; line++) {
        if (line - 1 < lineAuthors.get().size()) {
          authors.add(lineAuthors.get().get(line - 1));
        }
      }
      authors.remove("");
      if (authors.isEmpty() || !allowed.containsAll(authors)) {
        refused.add(u.osUser());
        authors.removeAll(allowed);
        notes.add(
            Note.warn(
                u.osUser(),
                "admin grant REFUSED: the row was last changed by "
                    + String.join(", ", authors)
                    + ", not by an address in roster.admins; treated as not admin until a listed admin rewrites the row"));
      }
    }
    return new Result(refused, notes);
  }
}
