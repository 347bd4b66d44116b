package dev.workstation.plan;

import dev.workstation.config.MarkedFile;
import dev.workstation.kube.Kubeconfig;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.UserSpec;
import dev.workstation.site.SiteConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each person's own identities: a per-tier OIDC kubeconfig, their Forgejo token from Vault in
 * {@code ~/.git-credentials}, and their git name/email. Everything only if absent (the kubeconfig
 * also when ours and stale); a user-owned kubeconfig is reported, never clobbered.
 */
public final class IdentityPlanner {
  private IdentityPlanner() {}

  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    SiteConfig site = desired.site();
    for (AccountSpec u : observed.observable(scope.users())) {
      CodeFacts f = observed.home(u.osUser());
      List<ActionKey> deps = observed.afterAccount(u.osUser());
      Optional<String> kubeconfig = desired.kubeconfig(u);
      if (kubeconfig.isPresent()) {
        String content = kubeconfig.get();
        MarkedFile.State state =
            observed.creating(u.osUser()) ? MarkedFile.State.ABSENT : f.kubeconfig();
        if (state == MarkedFile.State.FOREIGN) {
          notes.add(
              Note.info(
                  u.osUser(),
                  "~/.kube/config is the user's own (no workstation marker); not replaced"));
        } else if (state != MarkedFile.State.CURRENT) {
          actions.add(
              new WriteKubeconfig(
                  u.osUser(), content, state, Kubeconfig.contextNames(u, site.kube().get()), deps));
        }
      }
      UserSpec spec = desired.roster().users().get(u.osUser());
      if (site.vault().flatMap(SiteConfig.Vault::userSecrets).isPresent()
          && desired.forgejo().isPresent()
          && !f.gitCredentials()) {
        SiteConfig.VaultSecretRef ref = site.vault().get().userSecrets().get();
        URI base = desired.forgejo().get();
        String host = desired.credentialsHost().orElseThrow();
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
