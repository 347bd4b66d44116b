package dev.workstation.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubeconfigTest {
  static final SiteConfig.Kube KUBE =
      new SiteConfig.Kube(
          "homelab",
          "https://10.0.20.100:6443",
          Optional.of("Q0E="),
          Optional.empty(),
          "https://sso/o/k8s/",
          "kubernetes",
          List.of("email", "groups"),
          "auto");

  static AccountSpec user(Tier tier, List<String> ns) {
    return new AccountSpec(
        "anca",
        tier,
        "/bin/bash",
        true,
        List.of(),
        CodeLayout.SINGLE,
        List.of(),
        ns,
        false,
        true,
        "a",
        "anca-k8s");
  }

  static YamlNode.Mapping parse(String yaml) {
    YamlLoader.Result r = YamlLoader.load("kubeconfig", yaml.getBytes());
    assertTrue(r.ok(), r.problems().toString());
    return (YamlNode.Mapping) r.root();
  }

  @Test
  void a_namespace_owner_gets_one_context_per_namespace_the_first_current() {
    String y = Kubeconfig.render(user(Tier.NAMESPACE_OWNER, List.of("pb", "tripit")), KUBE, "Q0E=");
    YamlNode.Mapping m = parse(y);
    assertEquals(2, ((YamlNode.Sequence) m.get("contexts")).items().size());
    assertEquals("homelab-pb", ((YamlNode.Scalar) m.get("current-context")).value());
    assertTrue(y.contains("namespace: \"tripit\""));
  }

  @Test
  void admin_and_power_user_get_one_cluster_wide_context() {
    assertEquals(
        List.of("homelab-admin"), Kubeconfig.contextNames(user(Tier.ADMIN, List.of()), KUBE));
    assertEquals(
        List.of("homelab"), Kubeconfig.contextNames(user(Tier.POWER_USER, List.of()), KUBE));
  }

  @Test
  void the_user_authenticates_as_their_own_identity_through_kubelogin() {
    String y = Kubeconfig.render(user(Tier.POWER_USER, List.of()), KUBE, "Q0E=");
    assertTrue(y.startsWith(Kubeconfig.MARKER));
    for (String arg :
        List.of(
            "oidc-login",
            "get-token",
            "--oidc-issuer-url=https://sso/o/k8s/",
            "--oidc-client-id=kubernetes",
            "--oidc-extra-scope=email",
            "--oidc-extra-scope=groups",
            "--grant-type=auto")) {
      assertTrue(y.contains(arg), arg);
    }
    assertTrue(y.contains("interactiveMode: IfAvailable"));
    assertTrue(y.contains("name: \"oidc-anca-k8s\""));
  }
}
