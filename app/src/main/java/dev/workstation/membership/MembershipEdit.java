package dev.workstation.membership;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.membership.MembershipPlan.Addition;
import dev.workstation.membership.MembershipPlan.Removal;
import dev.workstation.roster.RosterEdits;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan written into the roster text with the comment-preserving edits of SPEC §4: each new row
 * appended under a dated comment naming the group, each leaver's row commented out under a dated
 * note. Every other byte stays. An edit the roster's own rules refuse becomes a conflict; the
 * others still land. Pure.
 *
 * @param text the roster after the edits
 * @param added the rows appended
 * @param removed the rows commented out
 * @param conflicts the plan's conflicts and the edits that were refused
 */
public record MembershipEdit(
    String text, List<Addition> added, List<Removal> removed, List<String> conflicts) {
  public MembershipEdit {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    conflicts = List.copyOf(conflicts);
  }

  /** Whether the roster changes. */
  public boolean changes() {
    return !added.isEmpty() || !removed.isEmpty();
  }

  public static MembershipEdit apply(
      String file, String text, MembershipPlan plan, String group, LocalDate date) {
    String t = text;
    List<Addition> added = new ArrayList<>();
    List<Removal> removed = new ArrayList<>();
    List<String> conflicts = new ArrayList<>(plan.conflicts());
    for (Addition a : plan.additions()) {
      try {
        t = RosterEdits.addUser(file, t, a.row(), Optional.of(date + " joined " + group + SIGN));
        added.add(a);
      } catch (InvalidInputException e) {
        conflicts.add(a.person().username() + ": the floor row was refused: " + why(e));
      }
    }
    for (Removal r : plan.removals()) {
      try {
        t = RosterEdits.removeUser(file, t, r.osUser(), "left " + group + SIGN, date);
        removed.add(r);
      } catch (InvalidInputException e) {
        conflicts.add(r.osUser() + " left the group, but the row was not commented out: " + why(e));
      }
    }
    return new MembershipEdit(t, added, removed, conflicts);
  }

  /** Who wrote the comment: a reader of the roster sees the sync did it, not a person. */
  static final String SIGN = " (workstation membership sync)";

  private static String why(InvalidInputException e) {
    List<String> out = new ArrayList<>();
    e.problems().stream().map(Problem::message).forEach(out::add);
    return String.join("; ", out);
  }
}
