package dev.workstation.secrets;

import dev.workstation.site.SiteConfig;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
    if (vault != null) {
      return vault;
    }
    try {
      VaultConfig vc =
          new VaultConfig()
              .address(config.address())
              .engineVersion(2)
              .openTimeout(5)
              .readTimeout(10);
      if (config.tokenFile().isPresent()) {
        vc.token(readSecretFile(config.tokenFile().get()));
        vault = Vault.create(vc.build());
      } else {
        SiteConfig.AppRole role = config.approle().orElseThrow();
        Vault anonymous = Vault.create(vc.build());
        String token =
            anonymous
                .auth()
                .loginByAppRole(
                    readSecretFile(role.roleIdFile()), readSecretFile(role.secretIdFile()))
                .getAuthClientToken();
        vault =
            Vault.create(
                new VaultConfig()
                    .address(config.address())
                    .engineVersion(2)
                    .openTimeout(5)
                    .readTimeout(10)
                    .token(token)
                    .build());
      }
      return vault;
    } catch (VaultException e) {
      throw translate("login", e);
    } catch (IOException e) {
      throw new SecretsException("vault: " + e.getMessage(), false);
    }
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
    int status = e.getHttpStatusCode();
    String why =
        switch (status) {
          case 0 -> "unreachable (" + rootCause(e) + ")";
          case 400 -> "bad request";
          case 401, 403 -> "permission denied";
          case 404 -> "not found";
          case 503 -> "sealed or unavailable";
          default -> "HTTP " + status;
        };
    return new SecretsException(
        "vault: " + where + ": " + why, status == 0 || status >= 500, status == 404);
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }

  private static String readSecretFile(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
