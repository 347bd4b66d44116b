package dev.workstation.status;

import dev.workstation.claudeauth.ResultReading;
import dev.workstation.host.Capacity;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.plan.Action;
import dev.workstation.plan.Note;
import dev.workstation.reconcile.AppliedRoster;
import dev.workstation.reconcile.ClaudeAuthReadings;
import dev.workstation.reconcile.CutRecords;
import dev.workstation.reconcile.Overcommit;
import dev.workstation.reconcile.Ports;
import dev.workstation.reconcile.Reconciler;
import dev.workstation.reconcile.RosterLoader;
import dev.workstation.reconcile.RunFailedException;
import dev.workstation.reconcile.RunHistory;
import dev.workstation.reconcile.UserFacts;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link StatusReport}. It always shows a state: the current roster's plan when that
 * roster can be used, otherwise the last applied roster's — and then the reason the current one
 * cannot be used is a problem, never the whole answer (an invalid commit must not blind the
 * operator to the host it leaves in force).
 */
public final class StatusService {
  private final SiteConfig site;
  private final Path configPath;
  private final Ports ports;

  public StatusService(SiteConfig site, Path configPath, Ports ports) {
    this.site = site;
    this.configPath = configPath;
    this.ports = ports;
  }

  public StatusReport report(Optional<String> user) throws IOException {
    List<String> problems = new ArrayList<>();
    Reconciler reconciler = new Reconciler(site, configPath, ports);
    Reconciler.Result plan = plan(reconciler, Optional.empty(), user, problems);
    boolean fallback = false;
    if (plan == null) {
      Path applied = new AppliedRoster(site.stateDir()).rosterFile();
      if (Files.isRegularFile(applied)) {
        fallback = true;
        plan = plan(reconciler, Optional.of(applied), user, problems);
      } else {
        problems.add("no roster was ever applied on this host");
      }
    }
    List<StatusReport.UserStatus> users = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String origin = "none";
    List<Tier> active = List.of();
    Optional<RunHistory> last = RunHistory.read(site.stateDir());
    if (plan != null) {
      origin = fallback ? "last applied roster (" + plan.rosterOrigin() + ")" : plan.rosterOrigin();
      for (Note n : plan.notes()) {
        if (n.message().contains(RosterLoader.FELL_BACK)) {
          problems.add(n.message());
        } else if (n.keptBack().isPresent()) {
          problems.add("kept back: " + n.message()); // the run fails on it, and so would the next
        } else if (n.user().equals("-")
            && n.level() == Note.Level.WARNING
            && !n.message().startsWith("untrusted: ")) {
          warnings.add(n.message());
        }
      }
      plan.source().untrusted().forEach(u -> problems.add("untrusted: " + RosterLoader.what(u)));
      plan.source().held().ifPresent(h -> problems.add("held back: " + h));
      Map<String, ResultReading> claude = ClaudeAuthReadings.of(site, plan);
      for (AccountSpec a : plan.accounts()) {
        users.add(user(a, plan, last, site.limits().userTimeout(), claude.get(a.osUser())));
      }
      active = Overcommit.activeTiers(plan.desired().accounts().values());
    }
    return new StatusReport(
        origin,
        fallback,
        problems,
        warnings,
        Optional.ofNullable(plan).map(Reconciler.Result::source),
        last,
        users,
        CutRecords.awaitingDestroy(site.stateDir()),
        capacity(active));
  }

  /** The plan for one roster; null (and the problem said) when that roster cannot be used. */
  private Reconciler.Result plan(
      Reconciler reconciler, Optional<Path> roster, Optional<String> user, List<String> problems)
      throws IOException {
    try {
      return reconciler.run(new Reconciler.Options(roster, user, false, false), r -> {});
    } catch (InvalidInputException e) {
      if (e.problems().stream().allMatch(p -> p.file().equals("command line"))) {
        throw e; // the command line is wrong, not the host: exit 3 as for any command
      }
      String which = roster.isPresent() ? "the last applied roster" : "the roster";
      for (Problem p : e.problems()) {
        problems.add(which + " is not applied: " + p.render());
      }
    } catch (RunFailedException e) {
      problems.add(e.getMessage());
    }
    return null;
  }

  private static StatusReport.UserStatus user(
      AccountSpec a,
      Reconciler.Result plan,
      Optional<RunHistory> last,
      java.time.Duration bound,
      ResultReading claudeAuth) {
    List<String> pending = new ArrayList<>();
    for (Action act : plan.plan().actions()) {
      if (act.owner().is(a.osUser())) {
        pending.add(act.describe());
      }
    }
    List<String> notes = new ArrayList<>();
    String unobserved = plan.failedUsers().get(a.osUser());
    if (unobserved != null) {
      pending.add("(not observed: " + unobserved + ")"); // unknown is not healthy
    }
    for (Note n : plan.notes()) {
      if (n.user().equals(a.osUser())) {
        notes.add(n.message());
      }
    }
    List<String> lastRun = new ArrayList<>();
    last.map(h -> h.users().get(a.osUser()))
        .ifPresent(
            rec -> {
              rec.failures().forEach(f -> lastRun.add("failed: " + f));
              rec.deferred().forEach(d -> lastRun.add("deferred: " + d));
              if (rec.failedRuns() > 1) {
                lastRun.add("failing for " + rec.failedRuns() + " runs in a row");
              }
            });
    return new StatusReport.UserStatus(
        a.osUser(),
        a.tier().id(),
        a.codeLayout().id(),
        a.parked(),
        UserFacts.account(a.osUser()),
        UserFacts.clones(a.osUser(), bound),
        UserFacts.memory(a.osUser()),
        pending,
        notes,
        lastRun,
        Optional.ofNullable(claudeAuth));
  }

  private StatusReport.CapacityStatus capacity(List<Tier> active) throws IOException {
    Capacity c = Capacity.measure(site.homeRoot());
    return new StatusReport.CapacityStatus(
        c.memTotal(),
        c.swapTotal(),
        c.freeDisk(),
        active.size(),
        Overcommit.violations(site, c, active));
  }
}
