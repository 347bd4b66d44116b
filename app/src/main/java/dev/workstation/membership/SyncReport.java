package dev.workstation.membership;

import dev.workstation.membership.MembershipPlan.Addition;
import dev.workstation.membership.MembershipPlan.Removal;
import java.util.List;
import java.util.Optional;

/**
 * What one sync read, decided and did.
 *
 * @param failure why nothing was changed (the IdP unreachable or refused, not exactly one group, an
 *     empty group, the roster source unusable, the push refused)
 * @param members the group's active members as read
 * @param added rows appended (by the commit, or by the dry run's diff)
 * @param removed rows commented out
 * @param protectedAdmins admins not in the group, kept
 * @param conflicts what a person must decide, one line each
 * @param commit the pushed commit
 * @param diff the roster's unified diff (dry run)
 * @param warnings announcements that failed, unverified mode, a commit the box will hold
 */
public record SyncReport(
    boolean dryRun,
    Optional<String> failure,
    int members,
    int inactive,
    List<Addition> added,
    List<Removal> removed,
    List<String> protectedAdmins,
    List<String> conflicts,
    Optional<String> commit,
    Optional<String> diff,
    List<String> warnings) {
  public SyncReport {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    protectedAdmins = List.copyOf(protectedAdmins);
    conflicts = List.copyOf(conflicts);
    warnings = List.copyOf(warnings);
  }

  static SyncReport failed(boolean dryRun, String why, int members, int inactive) {
    return new SyncReport(
        dryRun,
        Optional.of(why),
        members,
        inactive,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /**
   * Whether the group and the roster agree, or were made to: no failure, nothing left to a person.
   * A conflict or a kept admin is kept-back state, so it is never "ok", whatever else landed.
   */
  public boolean ok() {
    return failure.isEmpty() && conflicts.isEmpty() && protectedAdmins.isEmpty();
  }

  /** Whether the roster changes (or would, in a dry run). */
  public boolean changes() {
    return !added.isEmpty() || !removed.isEmpty();
  }
}
