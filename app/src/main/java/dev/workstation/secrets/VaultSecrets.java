package dev.workstation.secrets;

import dev.workstation.site.SiteConfig;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;

/**
 * {@link Secrets} through the maintained Vault client (io.github.jopenlibs vault-java-driver), KV
 * v2, logged in with the root-owned token file or AppRole. Short timeouts: an unreachable Vault
 * must not stall the hourly run.
 */
public final class VaultSecrets implements Secrets {
  private final SiteConfig.Vault config;
  private Vault vault;

  public VaultSecrets(SiteConfig.Vault config) {
    this.config = config;
  }

  private synchronized Vault client() throws SecretsException {
    if (vault == null) {
      vault = VaultConnection.client(config.address(), VaultConnection.rootToken(config), 2);
    }
    return vault;
  }

  @Override
  public String read(String mount, String path, String field) throws SecretsException {
    String where = mount + "/" + path;
    try {
      LogicalResponse r = client().logical().read(where);
      int status = r.getRestResponse().getStatus();
      if (status != 200) {
        // the driver hands back some failures as responses rather than exceptions
        throw translate(where, new VaultException("HTTP " + status, status));
      }
      String value = r.getData().get(field);
      if (value == null) {
        throw new SecretsException("vault: " + where + ": no field " + field, false, true);
      }
      return value;
    } catch (VaultException e) {
      throw translate(where, e);
    }
  }

  /** A message that names the path and the HTTP meaning — never the response body. */
  static SecretsException translate(String where, VaultException e) {
    return VaultConnection.translate(where, e);
  }
}
