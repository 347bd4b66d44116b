package dev.workstation.reconcile;

import dev.workstation.git.RemoteUrl;
import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The remotes the site itself gives a user's clones — infra's clone and push URLs, and each roster
 * repo's URL — the only ones the mirrored freshen handles: root mirrors those served over HTTP(S),
 * and the user's own git reads the local ones. A remote a user added themselves is fetched by their
 * own worker: root never fetches a URL a user chose.
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
    RemoteUrl.plain(url).ifPresent(out::add);
  }
}
