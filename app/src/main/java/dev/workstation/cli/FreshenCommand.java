package dev.workstation.cli;

import dev.workstation.derive.Deriver;
import dev.workstation.reconcile.AppliedRoster;
import dev.workstation.reconcile.FreshenReport;
import dev.workstation.reconcile.FreshenRunner;
import dev.workstation.reconcile.RosterLoader;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.FreshenSettings;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code workstation freshen}: fetch + safe fast-forward of every user's clones, as each user. */
@Command(
    name = "freshen",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch every clone of every non-admin on the roster last applied (as that user), and fast-forward",
      "only when provably safe.",
      "Outcomes: up-to-date, fast-forwarded(n), dirty, detached, no-upstream, diverged, fetch-failed(reason), timed-out."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every clone fetched",
      "1:some fetch failed or timed out",
      "3:invalid roster or config"
    })
final class FreshenCommand extends Subcommand implements Callable<Integer> {

  @Mixin UserScope only;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Users in parallel (default: freshen.jobs).")
  Integer jobs;

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    if (jobs != null) {
      site = withJobs(site, jobs);
    }
    Roster roster = rosterToFreshen(site);
    List<AccountSpec> scope = new ArrayList<>();
    for (AccountSpec a : Deriver.derive(roster, site, Map.of()).accounts().values()) {
      if (only.user().map(a.osUser()::equals).orElse(true)) {
        scope.add(a);
      }
    }
    List<FreshenReport> reports =
        FreshenRunner.run(scope, site, TtyProgress.forTerminal(spec.commandLine().getErr()));
    render(reports, json() ? jsonOut() : out(), json());
    boolean bad = reports.stream().anyMatch(r -> r.outcome().failed());
    return bad ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** The reports: one escaped line each for people, or one JSON list ({@code --json}). */
  static void render(List<FreshenReport> reports, PrintWriter out, boolean json) {
    if (json) {
      List<Object> list = new ArrayList<>();
      for (FreshenReport r : reports) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", r.user());
        m.put("repo", r.repo());
        m.put("outcome", r.outcome().text());
        m.put("ms", r.millis());
        list.add(m);
      }
      out.print(Json.write(list));
    } else {
      reports.forEach(r -> out.println(r.logLine()));
    }
    out.flush();
  }

  /**
   * The roster this host was last reconciled to: freshen works on the accounts that exist, and an
   * hourly job should not depend on the roster remote. Before any reconcile, the committed one.
   */
  private Roster rosterToFreshen(SiteConfig site) throws java.io.IOException {
    Optional<AppliedRoster.Snapshot> applied = new AppliedRoster(site.stateDir()).read();
    if (applied.isPresent()) {
      return RosterParser.parse(
          "last applied roster (" + applied.get().origin() + ")", applied.get().roster());
    }
    RosterLoader.Loaded loaded = RosterLoader.load(site, Optional.empty(), root().config);
    return RosterParser.parse(loaded.file(), loaded.bytes());
  }

  static SiteConfig withJobs(SiteConfig s, int jobs) {
    return s.withFreshen(
        new FreshenSettings(
            Math.max(1, jobs), s.freshen().timeout(), s.freshen().sessionTimeout()));
  }
}
