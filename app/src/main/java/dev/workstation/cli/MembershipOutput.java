package dev.workstation.cli;

import dev.workstation.membership.MembershipPlan.Addition;
import dev.workstation.membership.MembershipPlan.Removal;
import dev.workstation.membership.SyncReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sync's report for people (through the escaping writers) and for {@code --json}. */
final class MembershipOutput {
  private MembershipOutput() {}

  static void print(PrintWriter out, PrintWriter err, SyncReport r) {
    if (r.failure().isPresent()) {
      err.println("membership sync: " + r.failure().get());
      return;
    }
    out.println(
        "membership sync: "
            + r.members()
            + " active members"
            + (r.inactive() > 0 ? " (" + r.inactive() + " inactive: absent)" : ""));
    for (Addition a : r.added()) {
      out.println(
          "  add          "
              + a.row().osUser()
              + "  authentik_user "
              + a.row().authentikUser()
              + ", "
              + a.row().tier().id()
              + (a.row().namespaces().isEmpty() ? "" : ", namespaces " + a.row().namespaces())
              + (a.person().shown().isEmpty() ? "" : "  (" + a.person().shown() + ")"));
    }
    for (Removal rm : r.removed()) {
      out.println(
          "  comment out  " + rm.osUser() + "  authentik_user " + rm.authentikUser() + " left");
    }
    for (String admin : r.protectedAdmins()) {
      out.println(
          "  kept         "
              + admin
              + "  an admin not in the group: add them to it, or change their row in a signed"
              + " commit");
    }
    r.conflicts().forEach(c -> out.println("  conflict     " + c));
    r.warnings().forEach(w -> err.println("warning: " + w));
    if (r.dryRun()) {
      // one line at a time: the escaping writer keeps each roster line on its own line
      r.diff().filter(d -> r.changes()).ifPresent(d -> d.lines().forEach(out::println));
      out.println(
          r.changes()
              ? "dry run: nothing committed (exit 2: changes pending)"
              : "dry run: nothing to change");
    } else if (r.commit().isPresent()) {
      out.println(
          "committed "
              + r.commit().get().substring(0, 12)
              + " and pushed: the box applies it on its next reconcile");
    } else if (!r.changes()) {
      out.println("nothing to change: the roster agrees with the group");
    }
    if (!r.ok()) {
      err.println(
          "membership sync: "
              + (r.conflicts().size() + r.protectedAdmins().size())
              + " thing(s) above need a person (exit 1)");
    }
  }

  static Map<String, Object> json(SyncReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dry_run", r.dryRun());
    m.put("failure", r.failure());
    m.put("members", r.members());
    m.put("inactive", r.inactive());
    List<Object> added = new ArrayList<>();
    for (Addition a : r.added()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("os_user", a.row().osUser());
      row.put("authentik_user", a.row().authentikUser());
      row.put("tier", a.row().tier().id());
      row.put("namespaces", a.row().namespaces());
      row.put("name", a.person().shown());
      added.add(row);
    }
    m.put("added", added);
    List<Object> removed = new ArrayList<>();
    for (Removal rm : r.removed()) {
      removed.add(Map.of("os_user", rm.osUser(), "authentik_user", rm.authentikUser()));
    }
    m.put("commented_out", removed);
    m.put("protected", r.protectedAdmins());
    m.put("conflicts", r.conflicts());
    m.put("commit", r.commit());
    m.put("diff", r.diff());
    m.put("warnings", r.warnings());
    return m;
  }
}
