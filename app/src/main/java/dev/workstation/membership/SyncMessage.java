package dev.workstation.membership;

import dev.workstation.git.CommitMessage;
import dev.workstation.membership.MembershipPlan.Addition;
import dev.workstation.membership.MembershipPlan.Removal;
import java.util.ArrayList;
import java.util.List;

/**
 * The sync's commit message and announcements. Every piece of free text in them goes through {@link
 * #line} ({@link CommitMessage#prose}, the CLI's one function for it): one escaped line, never a
 * git trailer of its own (a value cannot forge {@code Workstation-Allow-Cuts: N}, which lets cuts
 * past the blast-radius guard — and the box reads that trailer only from an admin's signature
 * anyway).
 */
final class SyncMessage {
  private SyncMessage() {}

  static final int MAX_LINE = CommitMessage.MAX;

  /** {@code s} as one line of a message: escaped, shortened, and not shaped like a trailer. */
  static String line(String s) {
    return CommitMessage.prose(s);
  }

  /** {@code s} escaped and shortened to one line (the subject: never in a trailer's paragraph). */
  static String oneLine(String s) {
    return CommitMessage.line(s);
  }

  /** The commit: a subject, each change on its line, what was left to a person, who ran it. */
  static CommitMessage commit(
      String group, MembershipEdit edit, List<String> protectedAdmins, String by) {
    String subject =
        oneLine(
            "roster: membership sync of "
                + group
                + " (add "
                + edit.added().size()
                + ", comment out "
                + edit.removed().size()
                + ")");
    List<String> out = new ArrayList<>();
    out.add(
        line(
            "The IdP group "
                + group
                + " lists who has access: members without a row get the floor row, rows whose"
                + " member left are commented out."));
    out.add("");
    for (Addition a : edit.added()) {
      out.add(
          line(
              "add "
                  + a.row().osUser()
                  + " (authentik_user "
                  + a.row().authentikUser()
                  + ", "
                  + a.row().tier().id()
                  + ")"));
    }
    for (Removal r : edit.removed()) {
      out.add(
          line(
              "comment out "
                  + r.osUser()
                  + " (authentik_user "
                  + r.authentikUser()
                  + " left the group)"));
    }
    if (!edit.conflicts().isEmpty() || !protectedAdmins.isEmpty()) {
      out.add("");
      out.add("Left for a person to decide (not changed):");
      edit.conflicts().forEach(c -> out.add(line("conflict " + c)));
      protectedAdmins.forEach(a -> out.add(line("admin " + a + " is not in the group; kept")));
    }
    out.add("");
    out.add(line("Run by " + by + " with workstation membership sync"));
    return new CommitMessage(subject, out);
  }

  /** One announcement per change, and one per conflict: each a line a person reads in chat. */
  static List<String> announcements(
      String group, MembershipEdit edit, List<String> protectedAdmins, String commit) {
    String at = " (roster commit " + commit.substring(0, Math.min(12, commit.length())) + ")";
    List<String> out = new ArrayList<>();
    for (Addition a : edit.added()) {
      out.add(
          line(
              "devvm membership: "
                  + a.row().osUser()
                  + " ("
                  + a.row().authentikUser()
                  + ") joined "
                  + group
                  + " and gets a "
                  + a.row().tier().id()
                  + " row; the box creates"
                  + " the account on its next reconcile"
                  + at));
    }
    for (Removal r : edit.removed()) {
      out.add(
          line(
              "devvm membership: "
                  + r.osUser()
                  + " ("
                  + r.authentikUser()
                  + ") left "
                  + group
                  + "; their row is commented out and the box cuts them on its next reconcile"
                  + at));
    }
    edit.conflicts()
        .forEach(c -> out.add(line("devvm membership CONFLICT (needs a person): " + c)));
    protectedAdmins.forEach(
        a -> out.add(line("devvm membership: admin " + a + " is not in " + group + "; kept")));
    return out;
  }
}
