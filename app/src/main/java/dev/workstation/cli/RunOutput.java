package dev.workstation.cli;

import dev.workstation.plan.Action;
import dev.workstation.plan.Note;
import dev.workstation.reconcile.ActionReport;
import dev.workstation.reconcile.Outcome;
import dev.workstation.reconcile.Reconciler;
import dev.workstation.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a plan or a run for people, or as JSON for scripts. */
final class RunOutput {
  private RunOutput() {}

  /** What a plan shows besides each action's line: nothing, or its file diff ({@code --diff}). */
  interface Detail extends java.util.function.Function<Action, List<String>> {
    Detail NONE = a -> List.of();
  }

  static void printPlan(PrintWriter out, Reconciler.Result r) {
    printPlan(out, r, Detail.NONE);
  }

  static void printPlan(PrintWriter out, Reconciler.Result r, Detail detail) {
    out.println("roster: " + r.rosterOrigin());
    for (Note n : r.notes()) {
      out.println(noteLine(n));
    }
    printFailedUsers(out, r);
    for (Action a : r.plan().actions()) {
      out.println("  " + a.owner().label() + ": " + a.describe());
      detail.apply(a).forEach(line -> out.println("      " + line));
    }
    int n = r.plan().actions().size();
    if (n > 0) {
      out.println(PlanSummary.of(r.plan().actions()).line());
    }
    int kept = r.keptBack().size();
    if (n == 0 && kept == 0) {
      out.println("Nothing to do.");
    } else {
      out.println(
          (n == 0 ? "No change planned" : n + (n == 1 ? " change" : " changes") + " pending")
              + (kept == 0 ? "." : "; " + kept + " kept back (the error: lines above)."));
    }
  }

  static void printRun(PrintWriter out, Reconciler.Result r) {
    for (Note n : r.notes()) {
      out.println(noteLine(n));
    }
    printFailedUsers(out, r);
    out.println(summary(r));
    for (ActionReport rep : r.reports()) {
      if (rep.outcome() instanceof Outcome.Failed f) {
        out.println(
            "FAILED "
                + rep.action().owner().label()
                + ": "
                + rep.action().describe()
                + ": "
                + f.error());
      } else if (rep.outcome() instanceof Outcome.Deferred d) {
        out.println("warning: " + rep.action().owner().label() + ": " + d.reason());
      }
    }
  }

  /** Users the run could not finish for (a hostile or hung home): everyone else went on. */
  static void printFailedUsers(PrintWriter out, Reconciler.Result r) {
    r.failedUsers().forEach((user, why) -> out.println("FAILED user " + user + ": " + why));
  }

  static String summary(Reconciler.Result r) {
    return "summary roster=\""
        + r.rosterOrigin()
        + "\" planned="
        + r.plan().actions().size()
        + " applied="
        + r.applied()
        + " failed="
        + r.failed()
        + " failed_users="
        + r.failedUsers().size()
        + " skipped="
        + r.skipped()
        + " deferred="
        + deferred(r)
        + " warnings="
        + (r.notes().stream().filter(n -> n.level() == Note.Level.WARNING).count() + deferred(r))
        + " kept_back="
        + r.keptBack().size()
        + " ms="
        + r.millis();
  }

  /** Actions that could not be done yet (not found or no access, unreachable): each a warning. */
  static long deferred(Reconciler.Result r) {
    return r.reports().stream().filter(x -> x.outcome() instanceof Outcome.Deferred).count();
  }

  static String noteLine(Note n) {
    String level =
        switch (n.level()) {
          case ERROR -> "error: ";
          case WARNING -> "warning: ";
          case INFO -> "note: ";
        };
    return level + (n.user().equals("-") ? "" : n.user() + ": ") + n.message();
  }

  /**
   * plan's exit code, for {@code plan} and {@code reconcile --dry-run} alike: 2 changes pending, 0
   * nothing to do, 1 when a home could not be observed (it cannot be planned) or an input is kept
   * back (the run would fail).
   */
  static int planExit(Reconciler.Result r) {
    if (!r.failedUsers().isEmpty() || !r.keptBack().isEmpty()) {
      return ExitCodes.FAILED;
    }
    return r.plan().isEmpty() ? ExitCodes.OK : ExitCodes.CHANGES_PENDING;
  }

  static Map<String, Object> json(Reconciler.Result r) {
    return json(r, Detail.NONE);
  }

  static Map<String, Object> json(Reconciler.Result r, Detail detail) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("roster", r.rosterOrigin());
    List<Object> actions = new ArrayList<>();
    for (Action a : r.plan().actions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", a.owner().label());
      m.put("kind", a.kind());
      m.put("description", a.describe());
      List<String> lines = detail.apply(a);
      if (!lines.isEmpty()) {
        m.put("diff", lines);
      }
      actions.add(m);
    }
    out.put("actions", actions);
    out.put("summary", PlanSummary.of(r.plan().actions()).json());
    List<Object> results = new ArrayList<>();
    for (ActionReport rep : r.reports()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", rep.action().owner().label());
      m.put("kind", rep.action().kind());
      m.put("result", rep.outcome().result());
      if (rep.outcome() instanceof Outcome.Failed f) {
        m.put("error", f.error());
      } else if (rep.outcome() instanceof Outcome.Skipped s) {
        m.put("reason", s.reason());
      }
      m.put("ms", rep.millis());
      results.add(m);
    }
    out.put("results", results);
    out.put("source", source(r.source()));
    out.put("notes", notesJson(r.notes()));
    List<Object> fresh = new ArrayList<>();
    for (var f : r.freshened()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", f.user());
      m.put("repo", f.repo());
      m.put("outcome", f.outcome().text());
      m.put("ms", f.millis());
      fresh.add(m);
    }
    out.put("freshen", fresh);
    out.put("failed_users", new LinkedHashMap<String, Object>(r.failedUsers()));
    out.put("ms", r.millis());
    return out;
  }

  /** How far the roster is trusted, for scripts (raw values: the JSON writer escapes them). */
  static Map<String, Object> source(dev.workstation.reconcile.SourceReport s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trust", s.trustName());
    m.put("commit", s.commit().orElse(null));
    List<Object> untrusted = new ArrayList<>();
    for (var u : s.untrusted()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("commit", u.commit());
      c.put("author", u.author());
      c.put("paths", u.paths());
      c.put("why", u.why());
      untrusted.add(c);
    }
    m.put("untrusted", untrusted);
    m.put("held", s.held().orElse(null));
    return m;
  }

  /** The notes of a run as {@code --json} lists them. */
  static List<Object> notesJson(List<Note> notes) {
    List<Object> out = new ArrayList<>();
    for (Note n : notes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", n.user());
      m.put("level", n.level().name().toLowerCase(java.util.Locale.ROOT));
      n.keptBack().ifPresent(k -> m.put("kept_back", k.label()));
      m.put("message", n.message());
      out.add(m);
    }
    return out;
  }

  static void printJson(PrintWriter out, Reconciler.Result r) {
    out.print(Json.write(json(r)));
  }

  /** {@code --diff}: each file write's unified diff against what the run observed. */
  static Detail diff(Reconciler.Result r) {
    dev.workstation.reconcile.PlanDiff d = new dev.workstation.reconcile.PlanDiff(r.observed());
    return d::of;
  }

  /** A plan ({@code plan}, {@code reconcile --dry-run}) for people or scripts; returns its exit. */
  static int plan(Subcommand cmd, Reconciler.Result r, Detail detail) {
    if (cmd.json()) {
      cmd.jsonOut().print(Json.write(json(r, detail)));
    } else {
      printPlan(cmd.out(), r, detail);
    }
    return planExit(r);
  }
}
