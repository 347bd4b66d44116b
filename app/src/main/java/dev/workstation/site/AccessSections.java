package dev.workstation.site;

import static dev.workstation.site.ConfigValues.absPath;
import static dev.workstation.site.ConfigValues.atLeastOne;
import static dev.workstation.site.ConfigValues.atLeastZero;
import static dev.workstation.site.ConfigValues.name;
import static dev.workstation.site.ConfigValues.relPath;
import static dev.workstation.site.ConfigValues.requiredPath;
import static dev.workstation.site.ConfigValues.url;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.site.SiteConfig.AppRole;
import dev.workstation.site.SiteConfig.Infra;
import dev.workstation.site.SiteConfig.Kube;
import dev.workstation.site.SiteConfig.RosterSource;
import dev.workstation.site.SiteConfig.Vault;
import dev.workstation.site.SiteConfig.VaultSecretRef;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The site config's sections that say where things come from and how to log in: the roster source,
 * the infra repository, the cluster and Vault.
 */
final class AccessSections {
  private AccessSections() {}

  /** The keys of {@code roster:}. */
  static final Set<String> ROSTER_KEYS =
      Set.of(
          "url",
          "branch",
          "path",
          "managed_settings_path",
          "credentials_file",
          "allowed_signers",
          "signing_key",
          "max_cuts",
          "max_unsigned_commits",
          "admins");

  /** The keys of {@code kube:}. */
  static final Set<String> KUBE_KEYS =
      Set.of(
          "cluster",
          "server",
          "certificate_authority_data",
          "admin_kubeconfig",
          "oidc_issuer",
          "oidc_client_id",
          "extra_scopes",
          "grant_type");

  static RosterSource roster(MappingReader s) {
    s.strings("admins"); // still type-checked; ignored with a deprecation warning at run time
    return new RosterSource(
        url(s, "url", true).orElse(""),
        name(s, "branch").orElse("master"),
        relPath(s, "path").orElse("roster.yaml"),
        relPath(s, "managed_settings_path"),
        absPath(s, "credentials_file"),
        absPath(s, "allowed_signers"),
        absPath(s, "signing_key"),
        (int)
            s.integer("max_cuts")
                .filter(n -> atLeastZero(s, "max_cuts", n))
                .orElse((long) RosterSource.DEFAULT_MAX_CUTS)
                .longValue(),
        (int)
            s.integer("max_unsigned_commits")
                .filter(n -> atLeastOne(s, "max_unsigned_commits", n))
                .orElse((long) RosterSource.DEFAULT_MAX_UNSIGNED_COMMITS)
                .longValue(),
        s.has("admins"));
  }

  static Infra infra(MappingReader s) {
    SiteConfig.CloneCredentials credentials =
        s.string("clone_credentials", false)
            .map(
                v ->
                    switch (v.value()) {
                      case "none" -> SiteConfig.CloneCredentials.NONE;
                      case "user" -> SiteConfig.CloneCredentials.USER;
                      default -> {
                        s.problem(
                            v,
                            s.path("clone_credentials"),
                            "'"
                                + dev.workstation.util.Inert.text(v.value())
                                + "' is not a credentials mode; use none (anonymous) or user (the"
                                + " user's own token)");
                        yield SiteConfig.CloneCredentials.NONE;
                      }
                    })
            .orElse(SiteConfig.CloneCredentials.NONE);
    return new Infra(
        url(s, "clone_url", true).orElse(""),
        credentials,
        name(s, "push_remote").orElse("forgejo"),
        url(s, "push_url", false),
        name(s, "branch").orElse("master"));
  }

  static Kube kube(MappingReader s) {
    Optional<String> ca = s.string("certificate_authority_data", false).map(Scalar::value);
    Optional<Path> adminKubeconfig = absPath(s, "admin_kubeconfig");
    if (ca.isEmpty() && adminKubeconfig.isEmpty()) {
      s.problem(
          s.mapping(),
          s.path("certificate_authority_data"),
          "set certificate_authority_data or admin_kubeconfig (where to read the cluster CA from)");
    }
    return new Kube(
        name(s, "cluster").orElse("homelab"),
        url(s, "server", true).orElse(""),
        ca,
        adminKubeconfig,
        url(s, "oidc_issuer", true).orElse(""),
        s.string("oidc_client_id", true).map(Scalar::value).orElse(""),
        s.strings("extra_scopes").stream().map(Scalar::value).toList(),
        s.string("grant_type", false)
            .map(
                g -> {
                  if (!SiteConfigParser.GRANT_TYPES.contains(g.value())) {
                    s.problem(
                        g,
                        s.path("grant_type"),
                        MappingReader.quote(g.value())
                            + " is not a kubelogin grant type; use one of "
                            + String.join(", ", SiteConfigParser.GRANT_TYPES));
                  }
                  return g.value();
                })
            .orElse(SiteConfigParser.GRANT_TYPES.get(0)));
  }

  static Vault vault(MappingReader s) {
    Optional<Path> token = absPath(s, "token_file");
    Optional<AppRole> approle =
        s.section("approle", Set.of("role_id_file", "secret_id_file"))
            .map(
                a ->
                    new AppRole(
                        requiredPath(a, "role_id_file"), requiredPath(a, "secret_id_file")));
    if (token.isEmpty() && approle.isEmpty()) {
      s.problem(
          s.mapping(), s.path("token_file"), "set token_file or approle (how to log in to Vault)");
    }
    Function<MappingReader, VaultSecretRef> ref =
        r ->
            new VaultSecretRef(
                r.string("mount", true).map(Scalar::value).orElse(""),
                r.string("path", true).map(Scalar::value).orElse(""),
                r.string("field", true).map(Scalar::value).orElse(""));
    Set<String> refKeys = Set.of("mount", "path", "field");
    return new Vault(
        url(s, "address", true).orElse(""),
        token,
        approle,
        s.section("k8s_users", refKeys).map(ref),
        s.section("user_secrets", refKeys).map(ref));
  }
}
