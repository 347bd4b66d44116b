package dev.workstation.plan;

/**
 * Revoke a user's scoped Vault token by its accessor and drop root's record of it (SPEC §6.12):
 * their Claude-credentials job is off ({@code claude_auth: false}, parked, cut, left the roster) or
 * their account is destroyed. A token Vault no longer has is what revoking wanted. A failure keeps
 * the record, so the next run revokes again.
 */
public record RevokeClaudeToken(String user, String accessor, String why) implements UserAction {
  @Override
  public String kind() {
    return "revoke-claude-token";
  }

  @Override
  public String describe() {
    return "revoke " + user + "'s Vault token for the Claude login job (" + why + ")";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.claudeTokens().revoke(accessor);
    fx.claudeTokens().forget(user);
  }

  @Override
  public String toString() {
    return "RevokeClaudeToken[user=" + user + ", why=" + why + "]";
  }
}
