package dev.workstation.membership;

import dev.workstation.roster.RosterEdits.NewRow;
import java.util.List;

/**
 * What the group says should change in the roster, and what it says that nobody may act on without
 * a person.
 *
 * @param additions members with no live row: their floor rows
 * @param removals live rows whose member left the group (or was deactivated): commented out
 * @param protectedAdmins admins who are not in the group: never commented out by the sync
 * @param conflicts what is ambiguous (two identities on one name, a name a row or account holds, a
 *     refused member), one line each: reported, and nothing is done about it
 * @param unchanged members whose row is already there
 */
public record MembershipPlan(
    List<Addition> additions,
    List<Removal> removals,
    List<String> protectedAdmins,
    List<String> conflicts,
    int unchanged) {
  public MembershipPlan {
    additions = List.copyOf(additions);
    removals = List.copyOf(removals);
    protectedAdmins = List.copyOf(protectedAdmins);
    conflicts = List.copyOf(conflicts);
  }

  /** A member's new floor row. */
  public record Addition(Roll.Person person, NewRow row) {}

  /** A row to comment out: its account name and the identity that left. */
  public record Removal(String osUser, String authentikUser) {}
}
