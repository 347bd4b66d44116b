package dev.workstation.plan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users' Claude-credential tokens as one run found them (SPEC §6.12), observed before planning.
 *
 * @param recorded user → the accessor of the token root last minted them ({@code
 *     state_dir/claude-auth}); never the token
 * @param stale user → why Vault says their recorded token must be replaced: gone (revoked, expired)
 *     or carrying other policies
 * @param missing user → the job's paths ({@code claudeauth.ClaudeAuthPaths}) their home lacks: its
 *     directories, the token file
 * @param unreadable user → why root could not look at those paths (a link on the way, another
 *     owner): their home is left as it is this run
 * @param vaultProblem why Vault could not be asked about the recorded tokens: kept back this run
 */
public record ClaudeAuthFacts(
    Map<String, String> recorded,
    Map<String, String> stale,
    Map<String, Set<String>> missing,
    Map<String, String> unreadable,
    Optional<String> vaultProblem) {

  public ClaudeAuthFacts {
    recorded = Map.copyOf(recorded);
    stale = Map.copyOf(stale);
    missing = Map.copyOf(missing);
    unreadable = Map.copyOf(unreadable);
  }

  /** Nothing recorded, nothing looked at: what a planner test starts from. */
  public static ClaudeAuthFacts none() {
    return new ClaudeAuthFacts(Map.of(), Map.of(), Map.of(), Map.of(), Optional.empty());
  }
}
