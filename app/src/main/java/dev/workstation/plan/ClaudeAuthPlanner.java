package dev.workstation.plan;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.roster.AccountSpec;
import dev.workstation.secrets.TokenSpec;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The users' Claude credentials, root's side (SPEC §6.12): the package's {@code
 * workstation-claude-auth@<user>.timer}, gated by {@code claude_auth} (off while parked, and for
 * everyone without a {@code claude_auth:} section); for each user it runs for, a scoped Vault token
 * handed to them and the job's directories; for everyone else, their token revoked.
 *
 * <p>A token is minted when root has none recorded for the user, when Vault says the recorded one
 * is gone, expired or carries other policies, or when the user's token file is gone; otherwise
 * nothing is planned, so a second run mints and writes nothing. Vault unreachable while looking the
 * tokens up keeps them back: the run fails and says so.
 */
public final class ClaudeAuthPlanner {
  /** The package's timer: it runs {@code workstation claude-auth sync} as the user. */
  public static final UnitTemplate TIMER =
      UnitTemplate.parse("workstation-claude-auth@.timer").orElseThrow();

  private ClaudeAuthPlanner() {}

  /** The timer, for every user, its gate {@link #off}. */
  public static List<UserUnit> units(Desired desired) {
    return List.of(
        new UserUnit(
            TIMER,
            u -> off(desired.site(), u),
            "install the workstation package, which ships it (or remove the claude_auth: section)"));
  }

  /** Why {@code user}'s job must not run, or empty when it should. */
  public static Optional<String> off(SiteConfig site, AccountSpec user) {
    if (site.claudeAuth().isEmpty()) {
      return Optional.of("no claude_auth: section in the site config");
    }
    if (user.parked()) {
      return Optional.of("parked");
    }
    return user.claudeAuth() ? Optional.empty() : Optional.of("claude_auth is false");
  }

  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    SiteConfig site = desired.site();
    ClaudeAuthFacts facts = observed.claudeAuth();
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    if (site.claudeAuth().isEmpty() && scope.users().stream().anyMatch(AccountSpec::claudeAuth)) {
      notes.add(
          Note.info(
              "-",
              "no claude_auth: section in the site config; no Claude login is checked or backed"
                  + " up"));
    }
    facts
        .vaultProblem()
        .ifPresent(
            p ->
                notes.add(
                    Note.keptBack(
                        Note.KeptBack.CLAUDE_AUTH,
                        p + "; the users' Claude login tokens were not checked")));
    for (AccountSpec u : scope.users()) {
      Optional<String> off = off(site, u);
      String accessor = facts.recorded().get(u.osUser());
      if (off.isPresent()) {
        revoke(site, u.osUser(), accessor, off.get(), actions, notes);
      } else if (facts.vaultProblem().isEmpty()
          && !observed.unobservable().containsKey(u.osUser())) {
        hand(site.claudeAuth().get(), u.osUser(), accessor, observed, actions, notes);
      }
    }
    if (scope.wholeRoster()) {
      facts
          .recorded()
          .forEach(
              (user, accessor) -> {
                if (!desired.state().accounts().containsKey(user)) {
                  revoke(site, user, accessor, "not on the roster", actions, notes);
                }
              });
    }
    return new Plan(actions, notes);
  }

  /** A user whose job is off: their recorded token, if any, is revoked. */
  private static void revoke(
      SiteConfig site,
      String user,
      String accessor,
      String why,
      List<Action> actions,
      List<Note> notes) {
    if (accessor == null) {
      return;
    }
    if (site.vault().isEmpty()) {
      notes.add(
          Note.warn(user, "their Claude login token is not revoked: no vault: section to do it"));
      return;
    }
    actions.add(new RevokeClaudeToken(user, accessor, why));
  }

  /** A user whose job runs: a token when theirs is missing or no good, else any missing dirs. */
  private static void hand(
      SiteConfig.ClaudeAuth config,
      String user,
      String accessor,
      Observed observed,
      List<Action> actions,
      List<Note> notes) {
    ClaudeAuthFacts facts = observed.claudeAuth();
    String unreadable = facts.unreadable().get(user);
    if (unreadable != null) {
      notes.add(Note.warn(user, "the Claude login job's files are left alone: " + unreadable));
      return;
    }
    Set<String> missing = facts.missing().getOrDefault(user, Set.of());
    String why = null;
    if (accessor == null) {
      why = "none handed out yet";
    } else if (facts.stale().containsKey(user)) {
      why = "the one handed out " + facts.stale().get(user);
    } else if (missing.contains(ClaudeAuthPaths.VAULT_TOKEN)) {
      why = "~/" + ClaudeAuthPaths.VAULT_TOKEN + " is gone";
    }
    if (why != null) {
      actions.add(
          new MintClaudeToken(
              user,
              TokenSpec.forUser(config, user),
              Optional.ofNullable(accessor),
              why,
              observed.afterAccount(user)));
      return;
    }
    List<String> dirs = ClaudeAuthPaths.DIRS.stream().filter(missing::contains).toList();
    if (!dirs.isEmpty()) {
      actions.add(new MakeClaudeDirs(user, dirs));
    }
  }

  /** What a home lacks, for a user whose account does not exist yet: everything. */
  public static Set<String> everything() {
    List<String> all = new ArrayList<>(ClaudeAuthPaths.DIRS);
    all.add(ClaudeAuthPaths.VAULT_TOKEN);
    return Set.copyOf(all);
  }
}
