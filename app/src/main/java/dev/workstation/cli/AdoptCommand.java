package dev.workstation.cli;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.plan.Note;
import dev.workstation.reconcile.AdoptionCheck;
import dev.workstation.reconcile.AdoptionReport;
import dev.workstation.reconcile.AdoptionReport.Finding;
import dev.workstation.reconcile.AdoptionReport.Flag;
import dev.workstation.reconcile.AdoptionReport.Level;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code workstation adopt --check}: what the first reconcile would do to a box run by another. */
@Command(
    name = "adopt",
    mixinStandardHelpOptions = true,
    description = {
      "Before switching a box from another provisioner: for each user and facet, what the first",
      "reconcile would change. Flags anything that would move a port, change a shell, change a",
      "unit, touch a home or rewrite a generated file. Read-only; `plan` lists the same changes."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:the first reconcile would change nothing",
      "1:flagged changes: read them before switching (or an error)",
      "2:intended changes only",
      "3:invalid roster or config"
    })
final class AdoptCommand extends Subcommand implements Callable<Integer> {

  @Option(
      names = "--check",
      description = "Report only (required: the switch itself is `workstation reconcile`).")
  boolean check;

  @Mixin RunScope scope;

  @Override
  public Integer call() throws Exception {
    if (!check) {
      throw new InvalidInputException(
          Problem.whole(
              "command line",
              "adopt",
              "adopt only reports: run `workstation adopt --check`; the switch itself is"
                  + " `workstation reconcile` (see docs/runbooks/adopt.md)"));
    }
    SiteConfig site = root().siteConfigOrDefaults(true);
    AdoptionReport report =
        AdoptionCheck.run(site, root().config, root().ports(), scope.roster(), scope.user());
    if (json()) {
      jsonOut().print(Json.write(json(report)));
    } else {
      print(out(), report);
    }
    if (report.count(Level.FLAGGED) > 0) {
      return ExitCodes.FAILED;
    }
    return report.count(Level.CHANGE) > 0 ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
  }

  /** For people: {@code out} escapes every value it prints (an {@code InertWriter}). */
  static void print(PrintWriter out, AdoptionReport r) {
    out.println(
        "adopt --check: what the first reconcile would do here (roster: "
            + r.rosterOrigin()
            + "). Nothing was changed.");
    for (Note n : r.notes()) {
      out.println(RunOutput.noteLine(n));
    }
    String current = null;
    for (Finding f : r.findings()) {
      String who = f.user().equals("-") ? "host" : f.user();
      if (!who.equals(current)) {
        out.println(who);
        current = who;
      }
      String level =
          f.level() == Level.FLAGGED
              ? "FLAG " + f.flag().id()
              : f.level().name().toLowerCase(Locale.ROOT);
      // println, not printf with %n: the writer escapes every character but println's newline
      out.println(String.format("  %-19s %-22s %s", level, f.facet(), f.detail()));
    }
    out.println(
        "formats: dispatch.json is written as jq -c writes it and the maps with a two-line header;"
            + " a generated file that already holds the same entries is adopted as it is, never"
            + " rewritten for its formatting alone.");
    out.println(
        "summary: "
            + r.count(Level.CHANGE)
            + " intended changes, "
            + r.count(Level.FLAGGED)
            + " flagged ("
            + r.count(Flag.MOVES_PORT)
            + " port moves, "
            + r.count(Flag.CHANGES_SHELL)
            + " shell changes, "
            + r.count(Flag.CHANGES_UNIT)
            + " unit changes, "
            + r.count(Flag.TOUCHES_HOME)
            + " home changes, "
            + r.count(Flag.REWRITES_FILE)
            + " file rewrites).");
  }

  static Map<String, Object> json(AdoptionReport r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("roster", r.rosterOrigin());
    List<Object> findings = new ArrayList<>();
    for (Finding f : r.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", f.user());
      m.put("facet", f.facet());
      m.put("level", f.level().name().toLowerCase(Locale.ROOT));
      m.put("flag", f.flag() == Flag.NONE ? null : f.flag().id());
      m.put("detail", f.detail());
      findings.add(m);
    }
    out.put("findings", findings);
    out.put("notes", RunOutput.notesJson(r.notes()));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("changes", r.count(Level.CHANGE));
    summary.put("flagged", r.count(Level.FLAGGED));
    for (Flag flag : Flag.values()) {
      if (flag != Flag.NONE) {
        summary.put(flag.id(), r.count(flag));
      }
    }
    out.put("summary", summary);
    return out;
  }
}
