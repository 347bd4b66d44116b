package dev.workstation.secrets;

import dev.workstation.site.SiteConfig;
import java.time.Duration;

/**
 * A token root mints for one user (SPEC §6.12): periodic (it lives as long as it is renewed within
 * {@code period}), renewable, carrying {@code policy} and nothing else — not even Vault's {@code
 * default} — and an orphan. Orphan because a child token dies with its parent: root's own token is
 * rotated or revoked on the site's schedule (a new AppRole secret, a re-issued token file), and
 * that must not log every user's job out of Vault.
 */
public record TokenSpec(String displayName, String policy, Duration period) {

  /** {@code user}'s token under the site's {@code claude_auth:} section. */
  public static TokenSpec forUser(SiteConfig.ClaudeAuth config, String user) {
    return new TokenSpec(config.displayName(user), config.policy(user), config.tokenPeriod());
  }
}
