package dev.workstation.secrets;

import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.site.SiteConfig;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.Auth;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Root's side of the users' scoped Vault tokens (SPEC §6.12), through vault-java-driver with root's
 * own token: mint one, look one up by its accessor, revoke one by its accessor. Root keeps only
 * accessors; a token itself passes through {@link MintedToken} to its user's file once.
 *
 * <p>The issuing token needs {@code sudo} on {@code auth/token/create} (a periodic and an orphan
 * token both require it) and {@code update} on {@code auth/token/lookup-accessor} and {@code
 * auth/token/revoke-accessor}; docs/runbooks/claude-login.md has the policy.
 */
public final class VaultTokens {
  private final Vault tokenApi;

  private VaultTokens(Vault tokenApi) {
    this.tokenApi = tokenApi;
  }

  /** Logged in with root's token file or AppRole (the {@code vault:} section). */
  public static VaultTokens login(SiteConfig.Vault config) throws SecretsException {
    return new VaultTokens(
        VaultConnection.client(config.address(), VaultConnection.rootToken(config), 1));
  }

  /** Mints {@code spec}'s token; the message of a failure names the display name, no value. */
  public MintedToken mint(TokenSpec spec) throws SecretsException {
    String where = "auth/token/create (" + spec.displayName() + ")";
    try {
      AuthResponse r =
          tokenApi
              .auth()
              .createToken(
                  new Auth.TokenRequest()
                      .polices(List.of(spec.policy()))
                      .noDefaultPolicy(true)
                      .noParent(true)
                      .renewable(true)
                      .period(spec.period().toSeconds() + "s")
                      .displayName(spec.displayName()));
      String token = r.getAuthClientToken();
      String accessor = r.getTokenAccessor();
      if (token == null || token.isBlank() || accessor == null || accessor.isBlank()) {
        throw new SecretsException("vault: " + where + ": no token in the answer", false);
      }
      return new MintedToken(accessor, token);
    } catch (VaultException e) {
      throw VaultConnection.translate(where, e);
    }
  }

  /**
   * What Vault says about the token behind {@code accessor}; empty when Vault no longer knows it
   * (revoked, expired, never there): then it must be minted again.
   */
  public Optional<TokenInfo> lookupAccessor(String accessor) throws SecretsException {
    LogicalResponse r = post("auth/token/lookup-accessor", accessor);
    int status = r.getRestResponse().getStatus();
    if (status == 400 || status == 404) {
      return Optional.empty(); // Vault answers "invalid accessor" for a token it does not have
    }
    if (status != 200) {
      throw VaultConnection.failed("auth/token/lookup-accessor", status, "");
    }
    try {
      return Optional.of(TokenInfo.fromLookup(r.getRestResponse().getBody()));
    } catch (IllegalArgumentException e) {
      throw new SecretsException("vault: auth/token/lookup-accessor: not a token lookup", false);
    }
  }

  /**
   * Revokes the token behind {@code accessor}; false when Vault did not know it (already gone),
   * which is what revoking wanted.
   */
  public boolean revokeAccessor(String accessor) throws SecretsException {
    LogicalResponse r = post("auth/token/revoke-accessor", accessor);
    int status = r.getRestResponse().getStatus();
    if (status == 400 || status == 404) {
      return false;
    }
    if (status != 200 && status != 204) {
      throw VaultConnection.failed("auth/token/revoke-accessor", status, "");
    }
    return true;
  }

  /**
   * The text of the ACL policy {@code name} ({@code GET sys/policies/acl/<name>}, which root's
   * token may read for the users' policies); empty when Vault has no such policy.
   */
  public Optional<String> policy(String name) throws SecretsException {
    String path = "sys/policies/acl/" + name;
    try {
      LogicalResponse r = tokenApi.logical().read(path);
      int status = r.getRestResponse().getStatus();
      if (status == 404) {
        return Optional.empty();
      }
      if (status != 200 || r.getData().get("policy") == null) {
        throw VaultConnection.failed(path, status == 200 ? 0 : status, "no policy in the answer");
      }
      return Optional.of(r.getData().get("policy"));
    } catch (VaultException e) {
      if (e.getHttpStatusCode() == 404) {
        return Optional.empty();
      }
      throw VaultConnection.translate(path, e);
    }
  }

  private LogicalResponse post(String path, String accessor) throws SecretsException {
    try {
      return tokenApi.logical().write(path, Map.of("accessor", accessor));
    } catch (VaultException e) {
      throw VaultConnection.translate(path, e);
    }
  }
}
