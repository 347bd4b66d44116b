package dev.workstation.plan;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.secrets.MintedToken;
import dev.workstation.secrets.TokenSpec;
import dev.workstation.worker.WorkerRequest;
import java.util.List;
import java.util.Optional;

/**
 * Give a user a new scoped Vault token for their Claude-credentials job (SPEC §6.12): the token
 * they hold, if any, is revoked first ({@code replaces}: gone, expired, carrying other policies, or
 * its file lost); a new one is minted with root's token, its accessor recorded, and the token
 * written by their worker as {@link ClaudeAuthPaths#VAULT_TOKEN} (0600, theirs), the job's
 * directories made with it. The token exists only here, at apply time, and reaches the worker on
 * its stdin: never the plan, a log line, argv or {@code --json}. If recording or handing it over
 * fails, the new token is revoked and the record dropped, so the next run mints again.
 */
public record MintClaudeToken(
    String user, TokenSpec spec, Optional<String> replaces, String why, List<ActionKey> dependsOn)
    implements UserAction {
  public MintClaudeToken {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "mint-claude-token";
  }

  @Override
  public String describe() {
    return "mint "
        + user
        + "'s Vault token for the Claude login job (policy "
        + spec.policy()
        + ") into ~/"
        + ClaudeAuthPaths.VAULT_TOKEN
        + " ("
        + why
        + ")";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    Effects.ClaudeTokens tokens = fx.claudeTokens();
    if (replaces.isPresent()) {
      tokens.revoke(replaces.get()); // nobody keeps a token root no longer vouches for
    }
    MintedToken minted = tokens.mint(spec);
    try {
      tokens.record(user, minted.accessor());
      fx.worker().call(user, new WorkerRequest.ClaudeAuthHome(Optional.of(minted.token())));
    } catch (Exception e) {
      try {
        tokens.revoke(minted.accessor());
      } catch (Exception ignored) {
        // never handed out: it lapses unrenewed after its period
      }
      tokens.forget(user);
      throw e;
    }
  }

  @Override
  public String toString() {
    return "MintClaudeToken[user=" + user + ", spec=" + spec + ", why=" + why + "]";
  }
}
