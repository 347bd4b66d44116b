package dev.workstation.membership;

import dev.workstation.git.CommitMessage;
import dev.workstation.input.InvalidInputException;
import dev.workstation.site.MembershipConfig;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * {@code workstation membership sync} (SPEC §6.13): read the group, refuse what would make a bad
 * day (anything but exactly one group, an empty one, an unreachable IdP — each changes nothing),
 * plan it against the committed roster, write the plan as one signed commit and push it, announce
 * each change, and record how it ended. The box applies the commit under the usual rules, the
 * blast-radius guard included.
 */
public final class MembershipSync {
  private final SiteConfig site;
  private final MembershipConfig config;
  private final GroupSource idp;
  private final Clock clock;
  private final Predicate<String> accountExists;
  private final String who;

  /**
   * @param idp the group's source ({@link #authentik} for the configured IdP)
   * @param accountExists whether an account of a name exists on this host
   * @param who who runs it (the human behind sudo, or the account), for the commit
   */
  public MembershipSync(
      SiteConfig site, GroupSource idp, Clock clock, Predicate<String> accountExists, String who) {
    this.site = site;
    this.config = site.membership().orElseThrow();
    this.idp = idp;
    this.clock = clock;
    this.accountExists = accountExists;
    this.who = who;
  }

  /** The configured Authentik, with the token read from {@code token_file} when it is asked. */
  public static GroupSource authentik(MembershipConfig c) {
    return name -> new AuthentikClient(c.url(), TokenFile.read(c.tokenFile())).groups(name);
  }

  /** One sync; with {@code dryRun} nothing is committed, announced or recorded. */
  public SyncReport run(boolean dryRun) throws IOException {
    SyncReport r;
    try {
      r = attempt(dryRun);
    } catch (InvalidInputException e) {
      record(dryRun, SyncReport.failed(dryRun, "the committed roster is invalid", 0, 0), 3);
      throw e;
    }
    return record(dryRun, r, r.ok() ? 0 : 1);
  }

  private SyncReport attempt(boolean dryRun) {
    IdpGroup group;
    try {
      group = exactlyOne(idp.groups(config.group()));
    } catch (IdpException e) {
      return SyncReport.failed(dryRun, e.getMessage() + "; nothing was changed", 0, 0);
    }
    Roll roll = Roll.check(group, config.osUserFrom());
    if (roll.people().isEmpty()) {
      return SyncReport.failed(
          dryRun,
          "the group "
              + config.group()
              + " has no active member the sync can read ("
              + roll.inactive()
              + " inactive, "
              + roll.refused().size()
              + " refused): an empty group is never \"remove everyone\"; nothing was changed",
          0,
          roll.inactive());
    }
    RosterTarget target = new RosterTarget(site);
    for (int attempt = 1; ; attempt++) {
      try {
        return once(dryRun, roll, target);
      } catch (RosterTarget.SyncFailed e) {
        return SyncReport.failed(dryRun, e.getMessage(), roll.people().size(), roll.inactive());
      } catch (RosterTarget.Moved e) {
        if (attempt == 3) {
          return SyncReport.failed(
              dryRun,
              "the roster kept changing under the sync (3 tries); nothing was committed",
              roll.people().size(),
              roll.inactive());
        }
      }
    }
  }

  /** Plan on the head's roster and, unless a dry run, commit it. */
  private SyncReport once(boolean dryRun, Roll roll, RosterTarget target)
      throws RosterTarget.SyncFailed {
    RosterTarget.Head head = target.head();
    MembershipPlan plan =
        MembershipPlanner.plan(head.roster(), roll, config.floor(), accountExists);
    MembershipEdit edit =
        MembershipEdit.apply(
            target.file(), head.text(), plan, config.group(), LocalDate.now(clock));
    List<String> warnings = new ArrayList<>();
    if (!head.verified()) {
      warnings.add(
          "unverified mode (no roster.allowed_signers): the box acts on whatever is pushed");
    }
    Optional<String> commit = Optional.empty();
    Optional<String> diff = Optional.empty();
    if (dryRun) {
      diff = Optional.of(TextDiff.unified(target.file(), head.text(), edit.text()));
    } else if (edit.changes()) {
      commit =
          Optional.of(
              target.commit(
                  head.text(),
                  edit.text(),
                  SyncMessage.commit(
                      config.group(), edit, plan.protectedAdmins(), who + " on " + host()),
                  new PersonIdent(
                      CommitMessage.line(who) + " (workstation membership sync)",
                      "root@" + CommitMessage.line(host()))));
    }
    int cuts = edit.removed().size();
    int maxCuts = site.roster().orElseThrow().maxCuts();
    if (cuts > maxCuts) {
      warnings.add(
          "this sync comments out "
              + cuts
              + " rows, more than roster.max_cuts ("
              + maxCuts
              + "): the box holds the roster back until an admin lets it through"
              + " (workstation reconcile --allow-cuts "
              + cuts
              + "; docs/runbooks/membership.md)");
    }
    SyncReport r =
        new SyncReport(
            dryRun,
            Optional.empty(),
            roll.people().size(),
            roll.inactive(),
            edit.added(),
            edit.removed(),
            plan.protectedAdmins(),
            edit.conflicts(),
            commit,
            diff,
            warnings);
    return dryRun ? r : announce(r, edit, plan.protectedAdmins());
  }

  private IdpGroup exactlyOne(List<IdpGroup> groups) throws IdpException {
    List<IdpGroup> named = groups.stream().filter(g -> g.name().equals(config.group())).toList();
    if (groups.size() != 1 || named.size() != 1) {
      List<String> names = new ArrayList<>();
      groups.stream().limit(5).forEach(g -> names.add(Roll.shown(g.name())));
      throw new IdpException(
          "the IdP returned "
              + groups.size()
              + " groups for the name "
              + config.group()
              + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
              + "; the sync acts only on exactly one group of exactly that name");
    }
    return named.get(0);
  }

  /** Posts the changes and the conflicts not announced before; a failure is a warning. */
  private SyncReport announce(SyncReport r, MembershipEdit edit, List<String> protectedAdmins) {
    if (config.announceUrl().isEmpty()) {
      return r;
    }
    List<String> before = SyncRecord.read(site.stateDir().resolve("membership")).conflicts();
    MembershipEdit fresh =
        new MembershipEdit(
            edit.text(),
            edit.added(),
            edit.removed(),
            edit.conflicts().stream().filter(c -> !before.contains(c)).toList());
    List<String> texts =
        SyncMessage.announcements(
            config.group(), fresh, protectedAdmins, r.commit().orElse("none"));
    List<String> warnings = new ArrayList<>(r.warnings());
    warnings.addAll(new Announcer(config.announceUrl().get()).post(texts));
    return new SyncReport(
        r.dryRun(),
        r.failure(),
        r.members(),
        r.inactive(),
        r.added(),
        r.removed(),
        r.protectedAdmins(),
        r.conflicts(),
        r.commit(),
        r.diff(),
        warnings);
  }

  private SyncReport record(boolean dryRun, SyncReport r, int exit) throws IOException {
    if (!dryRun) {
      SyncRecord.store(site, r, exit, clock.instant().getEpochSecond());
    }
    return r;
  }

  /** The sync's own state directory, made 0700 when it is made ({@link SyncRecord#dir}). */
  public static java.nio.file.Path stateDir(SiteConfig site) throws IOException {
    return SyncRecord.dir(site);
  }

  static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
