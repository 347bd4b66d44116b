package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Roster;
import dev.workstation.site.SiteConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What a run wants, computed once before anything is observed: the roster and what it derives to,
 * the site, and every rendered file content a planner compares against. Rendering it here once is
 * what keeps the observer (which asks a home whether its copy is current) and the planners (which
 * plan the write) from drifting apart.
 *
 * @param launcher the session launcher's content, when {@code launcher.source} is configured and
 *     readable
 * @param managedSettings the committed managed settings (from the roster repo), when configured
 * @param kubeconfigs os_user → their rendered kubeconfig; empty without {@code kube:} or its CA
 * @param forgejo the Forgejo base URL whose token goes into {@code ~/.git-credentials}
 */
public record Desired(
    SiteConfig site,
    Roster roster,
    DesiredState state,
    Optional<String> launcher,
    Optional<byte[]> managedSettings,
    String managedSettingsName,
    Map<String, String> kubeconfigs,
    Optional<URI> forgejo) {

  public Desired {
    kubeconfigs = Map.copyOf(kubeconfigs);
    if (!kubeconfigs.isEmpty() && site.kube().isEmpty()) {
      throw new IllegalArgumentException("kubeconfigs rendered without a kube: section");
    }
    forgejo = forgejo.filter(b -> b.getHost() != null);
  }

  /** A desired state with nothing rendered: no launcher, settings, kubeconfigs (for tests). */
  public static Desired of(SiteConfig site, Roster roster, DesiredState state) {
    return new Desired(
        site,
        roster,
        state,
        Optional.empty(),
        Optional.empty(),
        "",
        Map.of(),
        site.repos().map(r -> URI.create(r.baseUrl())));
  }

  /** {@code host[:port]} of {@link #forgejo}: the credential line's host. */
  public Optional<String> credentialsHost() {
    return forgejo.map(b -> b.getPort() > 0 ? b.getHost() + ":" + b.getPort() : b.getHost());
  }

  public Optional<String> kubeconfig(AccountSpec user) {
    return Optional.ofNullable(kubeconfigs.get(user.osUser()));
  }

  /** How the Config base is linked: entry by entry unless the site says the whole directory. */
  public SiteConfig.LinkStrategy linkStrategy() {
    return site.configBase()
        .map(SiteConfig.ConfigBase::strategy)
        .orElse(SiteConfig.LinkStrategy.ENTRIES);
  }
}
