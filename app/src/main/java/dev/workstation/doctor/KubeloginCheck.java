package dev.workstation.doctor;

import dev.workstation.host.Executables;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** With a {@code kube:} section, the kubeconfigs log in through kubelogin: it must be installed. */
final class KubeloginCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    if (s.kube().isEmpty()) {
      return List.of(); // OidcCheck already says there is no kube: section
    }
    Optional<Path> kubelogin = Executables.onPath("kubectl-oidc_login");
    return List.of(
        kubelogin.isPresent()
            ? Check.ok("kubelogin", kubelogin.get().toString())
            : Check.warn(
                "kubelogin",
                "kubectl-oidc_login not on PATH: kubeconfigs cannot log in",
                "install kubelogin (int128/kubelogin) as /usr/local/bin/kubectl-oidc_login"));
  }
}
