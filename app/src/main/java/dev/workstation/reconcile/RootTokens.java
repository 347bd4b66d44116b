package dev.workstation.reconcile;

import dev.workstation.claudeauth.TokenRecords;
import dev.workstation.plan.Effects;
import dev.workstation.secrets.MintedToken;
import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.secrets.TokenInfo;
import dev.workstation.secrets.TokenSpec;
import dev.workstation.secrets.VaultTokens;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Root's side of the users' scoped Vault tokens for one run: {@link VaultTokens} logged in with
 * root's own token on first use (a run that needs no token never contacts Vault), one call at a
 * time across the lanes, and the accessors' records ({@link TokenRecords}) in the state dir.
 */
final class RootTokens implements Effects.ClaudeTokens {
  private final SiteConfig site;
  private final TokenRecords records;
  private VaultTokens vault;

  RootTokens(SiteConfig site) {
    this.site = site;
    this.records = new TokenRecords(site.stateDir());
  }

  private synchronized VaultTokens vault() throws SecretsException {
    if (vault == null) {
      SiteConfig.Vault v =
          site.vault()
              .orElseThrow(
                  () -> new SecretsException("vault: no vault: section in the site config", false));
      vault = VaultTokens.login(v);
    }
    return vault;
  }

  /** user → accessor, as recorded. */
  Map<String, String> recorded() throws IOException {
    return records.read();
  }

  /** What Vault says of the token behind {@code accessor}; empty when it has none. */
  synchronized Optional<TokenInfo> lookup(String accessor) throws SecretsException {
    return vault().lookupAccessor(accessor);
  }

  @Override
  public synchronized MintedToken mint(TokenSpec spec) throws SecretsException {
    return vault().mint(spec);
  }

  @Override
  public synchronized boolean revoke(String accessor) throws SecretsException {
    return vault().revokeAccessor(accessor);
  }

  @Override
  public void record(String user, String accessor) throws IOException {
    records.record(user, accessor);
  }

  @Override
  public void forget(String user) throws IOException {
    records.forget(user);
  }
}
