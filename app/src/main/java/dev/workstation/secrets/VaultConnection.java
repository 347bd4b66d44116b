package dev.workstation.secrets;

import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.site.SiteConfig;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How every Vault client here is made: the real vault-java-driver, short timeouts (an unreachable
 * Vault must not stall a run), and one translation of its failures into messages that name the path
 * and the HTTP meaning — never a response body, which may hold a secret.
 */
final class VaultConnection {
  private VaultConnection() {}

  /**
   * A client for {@code address} with {@code token}. Engine 2 rewrites {@code mount/path} to {@code
   * mount/data/path} (KV v2); engine 1 leaves paths as written, which the token API needs.
   */
  static Vault client(String address, String token, int engineVersion) throws SecretsException {
    try {
      return Vault.create(
          new VaultConfig()
              .address(address)
              .engineVersion(engineVersion)
              .openTimeout(5)
              .readTimeout(10)
              .token(token)
              .build());
    } catch (VaultException e) {
      throw translate("config", e);
    }
  }

  /** Root's own token: the token file, or an AppRole login. */
  static String rootToken(SiteConfig.Vault config) throws SecretsException {
    try {
      if (config.tokenFile().isPresent()) {
        return readSecretFile(config.tokenFile().get());
      }
      SiteConfig.AppRole role = config.approle().orElseThrow();
      Vault anonymous =
          Vault.create(
              new VaultConfig()
                  .address(config.address())
                  .engineVersion(2)
                  .openTimeout(5)
                  .readTimeout(10)
                  .build());
      return anonymous
          .auth()
          .loginByAppRole(readSecretFile(role.roleIdFile()), readSecretFile(role.secretIdFile()))
          .getAuthClientToken();
    } catch (VaultException e) {
      throw translate("login", e);
    } catch (IOException e) {
      throw new SecretsException("vault: " + e.getMessage(), false);
    }
  }

  /** A message that names the path and the HTTP meaning — never the response body. */
  static SecretsException translate(String where, VaultException e) {
    return failed(where, e.getHttpStatusCode(), rootCause(e));
  }

  /** The same for a status the driver handed back as a response instead of an exception. */
  static SecretsException failed(String where, int status, String cause) {
    String why =
        switch (status) {
          case 0 -> "unreachable (" + cause + ")";
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
