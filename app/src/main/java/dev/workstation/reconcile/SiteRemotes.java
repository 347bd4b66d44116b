package dev.workstation.reconcile;

import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The remotes the site itself gives a user's clones — infra's clone and push URLs, and each roster
 * repo's URL — which are the only ones root mirrors. A remote a user added themselves is fetched by
 * their own worker: root never fetches a URL a user chose.
 */
final class SiteRemotes {
  private SiteRemotes() {}

  static Set<URI> of(SiteConfig site, AccountSpec user) {
    Set<URI> out = new LinkedHashSet<>();
    site.infra()
        .ifPresent(
            infra -> {
              add(out, infra.cloneUrl());
              infra.pushUrl().ifPresent(u -> add(out, u));
            });
    site.repos()
        .ifPresent(r -> user.repos().forEach(n -> add(out, r.baseUrl() + "/" + n + ".git")));
    return out;
  }

  private static void add(Set<URI> out, String url) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("https") || scheme.equals("http")) {
        out.add(u);
      }
    } catch (java.net.URISyntaxException e) {
      // not a URL root would fetch
    }
  }
}
