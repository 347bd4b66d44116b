package dev.workstation.reconcile;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.host.HomeReader;
import dev.workstation.plan.ClaudeAuthFacts;
import dev.workstation.plan.ClaudeAuthPlanner;
import dev.workstation.plan.HostSnapshot;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.plan.Scope;
import dev.workstation.roster.AccountSpec;
import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.secrets.TokenInfo;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Observes the users' Claude-credential tokens before planning (SPEC §6.12): root's records of
 * their accessors; for each user in scope whose job runs, what Vault says of their recorded token
 * (one lookup by accessor: gone, expired, other policies) and which of the job's paths their home
 * lacks — looked at through {@link HomeReader} (no link followed, the user's own entries only),
 * never opened or read. The first Vault failure stops the lookups: the tokens are kept back.
 */
final class ClaudeAuthObserver {
  private final SiteConfig site;
  private final RootTokens tokens;

  ClaudeAuthObserver(SiteConfig site, RootTokens tokens) {
    this.site = site;
    this.tokens = tokens;
  }

  ClaudeAuthFacts observe(Scope scope, HostSnapshot host) {
    Map<String, String> recorded;
    try {
      recorded = tokens.recorded();
    } catch (IOException e) {
      // root's own state, written only by root: a hand edit keeps every token back, not the run
      return new ClaudeAuthFacts(
          Map.of(), Map.of(), Map.of(), Map.of(), Optional.of(String.valueOf(e.getMessage())));
    }
    Map<String, String> stale = new TreeMap<>();
    Map<String, Set<String>> missing = new TreeMap<>();
    Map<String, String> unreadable = new TreeMap<>();
    Optional<String> problem = Optional.empty();
    for (AccountSpec u : scope.users()) {
      if (ClaudeAuthPlanner.off(site, u).isPresent()) {
        continue;
      }
      String user = u.osUser();
      String accessor = recorded.get(user);
      if (accessor != null && problem.isEmpty()) {
        try {
          stale(user, tokens.lookup(accessor)).ifPresent(why -> stale.put(user, why));
        } catch (SecretsException e) {
          problem = Optional.of(e.getMessage());
        }
      }
      ObservedAccount account = host.accounts().get(user);
      if (account == null) {
        missing.put(user, ClaudeAuthPlanner.everything());
        continue;
      }
      try {
        missing.put(user, missing(account));
      } catch (IOException e) {
        unreadable.put(user, String.valueOf(e.getMessage()));
      }
    }
    return new ClaudeAuthFacts(recorded, stale, missing, unreadable, problem);
  }

  /** Why {@code user}'s recorded token must be replaced, or empty when it is theirs and alive. */
  private Optional<String> stale(String user, Optional<TokenInfo> info) {
    SiteConfig.ClaudeAuth config = site.claudeAuth().orElseThrow();
    if (info.isEmpty()) {
      return Optional.of("is gone from Vault (revoked or expired)");
    }
    if (!info.get().isScoped(config.displayName(user), config.policy(user))) {
      return Optional.of("carries " + info.get().grants() + ", not exactly " + config.policy(user));
    }
    return Optional.empty();
  }

  /** The job's paths {@code account}'s home lacks. */
  private static Set<String> missing(ObservedAccount account) throws IOException {
    Set<String> out = new TreeSet<>();
    try (HomeReader home = HomeReader.open(account.home(), account.uid())) {
      for (String dir : ClaudeAuthPaths.DIRS) {
        Optional<Map<String, Boolean>> entries = home.list(dir);
        if (entries.isEmpty()) {
          out.add(dir);
        } else if (dir.equals(ClaudeAuthPaths.CONFIG_DIR)
            && !Boolean.FALSE.equals(entries.get().get(tokenFileName()))) {
          out.add(ClaudeAuthPaths.VAULT_TOKEN); // absent (null), or a directory in its place
        }
      }
      if (out.contains(ClaudeAuthPaths.CONFIG_DIR)) {
        out.add(ClaudeAuthPaths.VAULT_TOKEN);
      }
    }
    return out;
  }

  private static String tokenFileName() {
    String t = ClaudeAuthPaths.VAULT_TOKEN;
    return t.substring(t.lastIndexOf('/') + 1);
  }
}
