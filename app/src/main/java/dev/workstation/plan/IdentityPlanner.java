package dev.workstation.plan;

import dev.workstation.kube.Kubeconfig;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.UserSpec;
import dev.workstation.site.SiteConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each person's own identities: a per-tier OIDC kubeconfig, their Forgejo token from Vault in
 * {@code ~/.git-credentials}, and their git name/email. Everything only if absent (the kubeconfig
 * also when ours and stale); a user-owned kubeconfig is reported, never clobbered.
 */
public final class IdentityPlanner {
  private IdentityPlanner() {}

  public static Plan plan(
      List<AccountSpec> users,
      Map<String, UserSpec> specs,
      Map<String, CodeFacts> facts,
      Set<String> creating,
      SiteConfig site,
      Optional<String> caData) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (AccountSpec u : users) {
      CodeFacts f = facts.getOrDefault(u.osUser(), CodeFacts.empty());
      List<String> deps =
          creating.contains(u.osUser()) ? List.of("create-account:" + u.osUser()) : List.of();
      if (site.kube().isPresent() && caData.isPresent()) {
        String content = Kubeconfig.render(u, site.kube().get(), caData.get());
        String state = creating.contains(u.osUser()) ? "absent" : f.kubeconfig();
        if (state.equals("foreign")) {
          notes.add(
              Note.info(
                  u.osUser(),
                  "~/.kube/config is the user's own (no workstation marker); not replaced"));
        } else if (!state.equals("current")) {
          actions.add(
              new WriteKubeconfig(
                  u.osUser(), content, state, Kubeconfig.contextNames(u, site.kube().get()), deps));
        }
      }
      UserSpec spec = specs.get(u.osUser());
      Optional<URI> forgejo =
          site.repos().map(r -> URI.create(r.baseUrl())).filter(b -> b.getHost() != null);
      if (site.vault().flatMap(SiteConfig.Vault::userSecrets).isPresent()
          && forgejo.isPresent()
          && !f.gitCredentials()) {
        SiteConfig.VaultSecretRef ref = site.vault().get().userSecrets().get();
        URI base = forgejo.get();
        String host = base.getPort() > 0 ? base.getHost() + ":" + base.getPort() : base.getHost();
        String login = spec.forgejoUser().orElse(u.osUser());
        actions.add(
            new WriteGitCredentials(
                u.osUser(),
                base.getScheme(),
                host,
                login,
                ref.mount(),
                ref.path().replace("{os_user}", u.osUser()),
                ref.field(),
                deps));
      }
      String name = spec.gitName().filter(n -> !f.gitName()).orElse(null);
      String email = spec.gitEmail().filter(e -> !f.gitEmail()).orElse(null);
      if (name != null || email != null) {
        actions.add(new SetGitIdentity(u.osUser(), name, email, deps));
      }
    }
    return new Plan(actions, notes);
  }
}
