package dev.workstation.doctor;

import dev.workstation.input.InvalidInputException;
import dev.workstation.reconcile.AppliedRoster;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.roster.UserSpec;
import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.secrets.VaultTokens;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code claude_auth:} (SPEC §6.12): for each user of the applied roster whose job runs, the Vault
 * policy their token carries exists and reaches only their own path — read with root's token from
 * {@code sys/policies/acl/<policy>}; every {@code path "…"} it names must be the user's KV path or
 * the token's own lookup and renewal.
 */
final class ClaudeAuthCheck implements SiteCheck {
  static final String NAME = "claude_auth policies";
  private static final Pattern PATH = Pattern.compile("(?m)^\\s*path\\s+\"([^\"]*)\"");

  @Override
  public List<Check> run(SiteConfig s) {
    if (s.claudeAuth().isEmpty() || s.vault().isEmpty()) {
      return List.of();
    }
    List<String> users;
    try {
      users = users(s);
    } catch (IOException | InvalidInputException e) {
      return List.of(Check.warn(NAME, "the applied roster cannot be read", "run reconcile"));
    }
    if (users.isEmpty()) {
      return List.of(
          Check.warn(
              NAME,
              "no applied roster with a user whose claude_auth is on: nothing to check yet",
              "run workstation reconcile, then doctor again"));
    }
    SiteConfig.ClaudeAuth c = s.claudeAuth().get();
    List<Check> out = new ArrayList<>();
    try {
      VaultTokens vault = VaultTokens.login(s.vault().get());
      for (String user : users) {
        problem(c, user, vault.policy(c.policy(user))).ifPresent(out::add);
      }
    } catch (SecretsException e) {
      return List.of(
          Check.fail(NAME, e.getMessage(), "root's Vault token needs workstation-issuer.hcl"));
    }
    if (out.isEmpty()) {
      out.add(
          Check.ok(
              NAME,
              users.size() + " users' policies each reach only their own " + c.mount() + " path"));
    }
    return out;
  }

  /** The users of the applied roster whose job runs: those whose policies must exist. */
  private static List<String> users(SiteConfig s) throws IOException {
    Optional<AppliedRoster.Snapshot> snap = new AppliedRoster(s.stateDir()).read();
    if (snap.isEmpty()) {
      return List.of();
    }
    Roster roster = RosterParser.parse("applied roster", snap.get().roster());
    return roster.users().values().stream()
        .filter(UserSpec::effectiveClaudeAuth)
        .map(UserSpec::osUser)
        .toList();
  }

  /** What is wrong with {@code user}'s policy {@code text}, if anything. */
  static Optional<Check> problem(SiteConfig.ClaudeAuth c, String user, Optional<String> text) {
    String policy = c.policy(user);
    String own = c.mount() + "/data/" + c.path(user);
    String write =
        "sed 's/{os_user}/"
            + user
            + "/g' docs/examples/workstation-claude-user.hcl | vault policy write "
            + policy
            + " -";
    if (text.isEmpty()) {
      return Optional.of(Check.fail(NAME, "policy " + policy + " does not exist", write));
    }
    Set<String> paths = paths(text.get());
    Set<String> beyond = new LinkedHashSet<>(paths);
    beyond.removeAll(
        Set.of(
            own,
            c.mount() + "/metadata/" + c.path(user),
            "auth/token/lookup-self",
            "auth/token/renew-self"));
    if (!beyond.isEmpty()) {
      return Optional.of(
          Check.fail(
              NAME,
              "policy "
                  + policy
                  + " reaches beyond "
                  + user
                  + "'s path: "
                  + String.join(", ", beyond),
              "keep only " + own + " and the token's lookup-self and renew-self: " + write));
    }
    if (!paths.contains(own)) {
      return Optional.of(Check.fail(NAME, "policy " + policy + " does not reach " + own, write));
    }
    return Optional.empty();
  }

  /** Every {@code path "…"} of an HCL policy, comments left out. */
  static Set<String> paths(String hcl) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = PATH.matcher(hcl.replaceAll("(?m)#.*$", ""));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
