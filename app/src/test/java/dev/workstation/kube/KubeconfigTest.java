package dev.workstation.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
          "authcode-keyboard");

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
            "command: kubectl-oidc_login\n",
            "- get-token\n",
            "--oidc-issuer-url=https://sso/o/k8s/",
            "--oidc-client-id=kubernetes",
            "--oidc-extra-scope=email",
            "--oidc-extra-scope=groups",
            "--grant-type=authcode-keyboard")) {
      assertTrue(y.contains(arg), arg);
    }
    assertTrue(y.contains("interactiveMode: IfAvailable"));
    assertTrue(y.contains("installHint: \"kubelogin is not installed"), y);
    assertFalse(y.contains("oidc-login"), "never through kubectl's plugin lookup:\n" + y);
    assertTrue(y.contains("name: \"oidc-anca-k8s\""));
  }

  /** The exec plugin's arguments after the fixed ones (issuer, client id, scopes). */
  static List<String> grantArgs(String grantType) {
    SiteConfig.Kube kube =
        new SiteConfig.Kube(
            KUBE.cluster(),
            KUBE.server(),
            KUBE.certificateAuthorityData(),
            KUBE.adminKubeconfig(),
            KUBE.oidcIssuer(),
            KUBE.oidcClientId(),
            List.of(),
            grantType);
    YamlNode.Mapping m = parse(Kubeconfig.render(user(Tier.POWER_USER, List.of()), kube, "Q0E="));
    YamlNode.Mapping exec =
        (YamlNode.Mapping)
            ((YamlNode.Mapping)
                    ((YamlNode.Mapping) ((YamlNode.Sequence) m.get("users")).items().get(0))
                        .get("user"))
                .get("exec");
    List<String> args =
        ((YamlNode.Sequence) exec.get("args"))
            .items().stream().map(n -> ((YamlNode.Scalar) n).value()).toList();
    return args.subList(3, args.size());
  }

  @Test
  void each_grant_type_gets_kubelogins_arguments_for_a_box_without_a_browser() {
    assertEquals(List.of("--grant-type=authcode-keyboard"), grantArgs("authcode-keyboard"));
    assertEquals(
        List.of("--grant-type=device-code", "--skip-open-browser"), grantArgs("device-code"));
    assertEquals(List.of("--grant-type=authcode", "--skip-open-browser"), grantArgs("authcode"));
    assertEquals(List.of("--grant-type=password", "--username=a"), grantArgs("password"));
    assertEquals(List.of("--grant-type=auto"), grantArgs("auto"));
    assertEquals(
        dev.workstation.site.SiteConfigParser.GRANT_TYPES,
        List.of("authcode-keyboard", "device-code", "authcode", "password", "auto"),
        "every grant type the config accepts is covered above");
  }
}
