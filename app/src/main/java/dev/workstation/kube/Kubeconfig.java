package dev.workstation.kube;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a person's kubeconfig: the cluster (server + CA), one OIDC user authenticating through
 * the kubelogin exec plugin, and contexts by tier — admin: one cluster-admin context; power-user:
 * one cluster-wide context (read-only by RBAC); namespace-owner: one per namespace, the first
 * current. Every session acts as its own identity; the API server enforces RBAC.
 */
public final class Kubeconfig {
  public static final String MARKER = "# managed-by: workstation";

  /**
   * The kubelogin binary the exec stanza runs, by the name kubectl's plugin convention gives it
   * (kubelogin's docs: installed from its releases, it is saved as {@code kubectl-oidc_login}).
   */
  public static final String PLUGIN = "kubectl-oidc_login";

  /** What kubectl prints when {@link #PLUGIN} is not on the user's PATH. */
  static final String INSTALL_HINT =
      "kubelogin is not installed: the admin installs int128/kubelogin as"
          + " /usr/local/bin/kubectl-oidc_login (workstation doctor checks it)";

  private Kubeconfig() {}

  public static String render(AccountSpec user, SiteConfig.Kube kube, String caData) {
    String cluster = kube.cluster();
    String userName = "oidc-" + user.k8sUser();
    List<String[]> contexts = new ArrayList<>(); // {name, namespace or null}
    switch (user.tier()) {
      case ADMIN -> contexts.add(new String[] {cluster + "-admin", null});
      case POWER_USER -> contexts.add(new String[] {cluster, null});
      case NAMESPACE_OWNER ->
          user.namespaces().forEach(ns -> contexts.add(new String[] {cluster + "-" + ns, ns}));
    }
    StringBuilder y = new StringBuilder();
    y.append(MARKER)
        .append(" (per-tier OIDC kubeconfig for ")
        .append(user.osUser())
        .append("; remove this line to keep your own edits)\n");
    y.append("apiVersion: v1\nkind: Config\npreferences: {}\n");
    y.append("clusters:\n- name: ")
        .append(q(cluster))
        .append("\n  cluster:\n    server: ")
        .append(q(kube.server()))
        .append("\n    certificate-authority-data: ")
        .append(q(caData))
        .append('\n');
    exec(y, user, kube, userName);

    y.append("contexts:\n");
    for (String[] c : contexts) {
      y.append("- name: ")
          .append(q(c[0]))
          .append("\n  context:\n    cluster: ")
          .append(q(cluster))
          .append("\n    user: ")
          .append(q(userName))
          .append('\n');
      if (c[1] != null) {
        y.append("    namespace: ").append(q(c[1])).append('\n');
      }
    }
    y.append("current-context: ").append(q(contexts.get(0)[0])).append('\n');
    return y.toString();
  }

  /** The user entry: kubelogin run directly, with the issuer, client, scopes and grant. */
  private static void exec(
      StringBuilder y, AccountSpec user, SiteConfig.Kube kube, String userName) {
    y.append("users:\n- name: ")
        .append(q(userName))
        .append("\n  user:\n    exec:\n")
        .append("      apiVersion: client.authentication.k8s.io/v1beta1\n")
        // the plugin itself, not "kubectl oidc-login": where kubectl is a dispatcher
        // (google-cloud-cli's), a missing plugin sent "kubectl oidc-login" back to kubectl, which
        // spawned itself 615 times; run directly, a missing plugin fails once, with the hint below
        .append("      command: ")
        .append(PLUGIN)
        .append('\n')
        .append("      args:\n")
        .append("      - get-token\n")
        .append("      - ")
        .append(q("--oidc-issuer-url=" + kube.oidcIssuer()))
        .append('\n')
        .append("      - ")
        .append(q("--oidc-client-id=" + kube.oidcClientId()))
        .append('\n');
    for (String scope : kube.extraScopes()) {
      y.append("      - ").append(q("--oidc-extra-scope=" + scope)).append('\n');
    }
    for (String arg : grantArgs(user, kube.grantType())) {
      y.append("      - ").append(q(arg)).append('\n');
    }
    y.append("      installHint: ").append(q(INSTALL_HINT)).append('\n');
    y.append("      interactiveMode: IfAvailable\n      provideClusterInfo: false\n");
  }

  /**
   * kubelogin's arguments for {@code grantType} (one of {@link SiteConfigParser#GRANT_TYPES}; see
   * docs/usage.md of int128/kubelogin).
   */
  static List<String> grantArgs(AccountSpec user, String grantType) {
    List<String> args = new ArrayList<>(List.of("--grant-type=" + grantType));
    switch (grantType) {
      // no browser on the box: kubelogin prints the URL for the person to open on their own machine
      case "device-code", "authcode" -> args.add("--skip-open-browser");
      // kubelogin prompts for the password; it is never written into the file
      case "password" -> args.add("--username=" + user.authentikUser());
      default -> {
        // authcode-keyboard prints the URL and reads the code from the terminal; auto picks one
      }
    }
    return args;
  }

  /** A YAML double-quoted scalar (valid JSON string escaping is valid YAML). */
  private static String q(String s) {
    return dev.workstation.util.Json.quote(s);
  }

  /** The context names a tier gets, for status and tests. */
  public static List<String> contextNames(AccountSpec user, SiteConfig.Kube kube) {
    List<String> out = new ArrayList<>();
    if (user.tier() == Tier.ADMIN) {
      out.add(kube.cluster() + "-admin");
    } else if (user.tier() == Tier.POWER_USER) {
      out.add(kube.cluster());
    } else {
      user.namespaces().forEach(ns -> out.add(kube.cluster() + "-" + ns));
    }
    return out;
  }
}
