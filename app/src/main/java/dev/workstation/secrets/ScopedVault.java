package dev.workstation.secrets;

import dev.workstation.input.StrictJson;
import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.util.Json;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.WriteOptions;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Vault as a user's scoped token sees it (SPEC §6.12, the user's side): what the token is, its
 * renewal, and the one KV v2 path its policy opens. Writes are check-and-set against the version
 * read, so a concurrent write is never silently overwritten.
 */
public final class ScopedVault {
  private final Vault tokenApi;
  private final Vault kv;

  private ScopedVault(Vault tokenApi, Vault kv) {
    this.tokenApi = tokenApi;
    this.kv = kv;
  }

  public static ScopedVault connect(String address, String token) throws SecretsException {
    return new ScopedVault(
        VaultConnection.client(address, token, 1), VaultConnection.client(address, token, 2));
  }

  /** {@code auth/token/lookup-self}. */
  public TokenInfo lookupSelf() throws SecretsException {
    try {
      return TokenInfo.fromLookup(tokenApi.auth().lookupSelf().getRestResponse().getBody());
    } catch (VaultException e) {
      throw VaultConnection.translate("auth/token/lookup-self", e);
    } catch (IllegalArgumentException e) {
      throw new SecretsException("vault: auth/token/lookup-self: not a token lookup", false);
    }
  }

  /** {@code auth/token/renew-self}: a periodic token's TTL is its period again. */
  public void renewSelf() throws SecretsException {
    try {
      tokenApi.auth().renewSelf();
    } catch (VaultException e) {
      throw VaultConnection.translate("auth/token/renew-self", e);
    }
  }

  /** The secret at {@code mount/path}, or {@link KvEntry#absent()} when there is none yet. */
  public KvEntry read(String mount, String path) throws SecretsException {
    String where = mount + "/" + path;
    LogicalResponse r;
    try {
      r = kv.logical().read(where);
    } catch (VaultException e) {
      throw VaultConnection.translate(where, e);
    }
    int status = r.getRestResponse().getStatus();
    long version = Optional.ofNullable(r.getDataMetadata().getVersion()).orElse(0L);
    if (status == 404) {
      return new KvEntry(version, Map.of()); // none, or deleted (a write must follow its version)
    }
    if (status != 200 || r.getDataObject() == null) {
      throw VaultConnection.failed(where, status, "");
    }
    Object data;
    try {
      data = StrictJson.parse(r.getDataObject().toString());
    } catch (IllegalArgumentException e) {
      throw new SecretsException("vault: " + where + ": not a JSON object", false);
    }
    Map<String, Object> keys = new LinkedHashMap<>();
    ((Map<?, ?>) data).forEach((k, v) -> keys.put(String.valueOf(k), v));
    return new KvEntry(version, keys);
  }

  /**
   * Writes {@code data} as the next version after {@code base}: refused ({@link SecretsException},
   * "bad request") when someone wrote the path since {@code base} was read.
   */
  public void write(String mount, String path, KvEntry base, Map<String, Object> data)
      throws SecretsException {
    String where = mount + "/" + path;
    Map<String, Object> values = new LinkedHashMap<>();
    data.forEach(
        (k, v) ->
            values.put(
                k,
                v instanceof String s
                    ? s
                    : io.github.jopenlibs.vault.json.Json.parse(Json.compactSorted(v))));
    LogicalResponse r;
    try {
      r =
          kv.logical()
              .write(where, values, null, new WriteOptions().checkAndSet(base.version()).build());
    } catch (VaultException e) {
      throw VaultConnection.translate(where, e);
    }
    int status = r.getRestResponse().getStatus();
    if (status != 200 && status != 204) {
      throw VaultConnection.failed(where, status, "");
    }
  }
}
