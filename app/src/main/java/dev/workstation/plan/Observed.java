package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import java.util.List;
import java.util.Map;

/**
 * The host as one run saw it, observed once before planning: immutable, so every planner sees the
 * same world and none of them touches the host.
 *
 * @param host accounts, groups, shells and uids (NSS and lstat)
 * @param uids every observed user's uid, settled before planning: new accounts' included
 * @param homes what each observed home holds, from its worker
 * @param unobservable users whose home could not be observed, with why: they get no home actions
 *     this run, since planning a home blind could clone over what is there
 * @param surface root-owned files and systemd units
 * @param cuts leavers and cut records
 * @param claudeAuth the users' scoped Vault tokens and the job's paths in their homes (SPEC §6.12)
 */
public record Observed(
    HostSnapshot host,
    Uids uids,
    Map<String, CodeFacts> homes,
    Map<String, String> unobservable,
    SurfaceFacts surface,
    CutFacts cuts,
    ClaudeAuthFacts claudeAuth) {

  public Observed {
    homes = Map.copyOf(homes);
    unobservable = Map.copyOf(unobservable);
  }

  /** Without Claude-credential tokens observed. */
  public Observed(
      HostSnapshot host,
      Uids uids,
      Map<String, CodeFacts> homes,
      Map<String, String> unobservable,
      SurfaceFacts surface,
      CutFacts cuts) {
    this(host, uids, homes, unobservable, surface, cuts, ClaudeAuthFacts.none());
  }

  /** Whether this run creates {@code user}'s account (it has none yet). */
  public boolean creating(String user) {
    return !host.accounts().containsKey(user);
  }

  /** What {@code user}'s home holds; an empty home for an account not created yet. */
  public CodeFacts home(String user) {
    return homes.getOrDefault(user, CodeFacts.empty());
  }

  /** The users of {@code users} whose home was observed (or is about to be created). */
  public List<AccountSpec> observable(List<AccountSpec> users) {
    return users.stream().filter(a -> !unobservable.containsKey(a.osUser())).toList();
  }

  /** What a home action of {@code user} waits for: their account, when this run creates it. */
  public List<ActionKey> afterAccount(String user) {
    return creating(user) ? List.of(ActionKey.createAccount(user)) : List.of();
  }
}
