package dev.workstation.doctor;

import dev.workstation.secrets.Secrets;
import dev.workstation.secrets.VaultSecrets;
import dev.workstation.site.SiteConfig;
import java.util.List;
import java.util.Optional;

/**
 * Vault answers with the configured token: a read of the tier map (or a probe user's secret, where
 * "not found" proves the token reached an authorized path).
 */
final class VaultCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    if (s.vault().isEmpty()) {
      return List.of(
          Check.warn(
              "vault",
              "no vault: section: no tier validation, no git credentials",
              "add vault: to the site config"));
    }
    SiteConfig.Vault v = s.vault().get();
    Optional<SiteConfig.VaultSecretRef> ref = v.k8sUsers().or(v::userSecrets);
    if (ref.isEmpty()) {
      return List.of(
          Check.warn(
              "vault",
              v.address() + ": nothing configured to read",
              "set vault.k8s_users and vault.user_secrets"));
    }
    SiteConfig.VaultSecretRef r = ref.get();
    try {
      new VaultSecrets(v).read(r.mount(), r.path().replace("{os_user}", "doctor-probe"), r.field());
      return List.of(
          Check.ok(
              "vault", v.address() + ": token valid, " + r.mount() + "/" + r.path() + " readable"));
    } catch (Secrets.SecretsException e) {
      boolean reachedAndAuthorized = e.notFound() && r.path().contains("{os_user}");
      return List.of(
          Check.of(
              "vault",
              reachedAndAuthorized,
              e.getMessage(),
              e.unreachable()
                  ? "check vault.address and the network"
                  : "check the token (vault.token_file) or AppRole and its policy"));
    }
  }
}
