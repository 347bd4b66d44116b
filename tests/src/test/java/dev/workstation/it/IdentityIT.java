package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-tier OIDC kubeconfigs loaded by the real kubectl, tier validation and per-user git
 * credentials through the real Vault client against the KV-v2 fake.
 */
class IdentityIT extends SiteTest {
  static final String VAULT_TOKEN = "hvs.root-token-for-the-fake-0001";
  static final String EMO_FORGEJO_TOKEN = "forgejo-token-emo-7f3a9c0d1e2b";
  static final String ROSTER =
      """
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil, k8s_user: emo, tier: power-user, git_name: Emil B, git_email: emil@example.org}
        anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [plotting-book, tripit]}
      """;

  VaultFake vault;
  String config;
  Path standin;

  @BeforeEach
  void setUp() throws Exception {
    vault =
        site.closeAfter(new VaultFake(VAULT_TOKEN))
            .put(
                "secret",
                "platform",
                Map.of(
                    "k8s_users",
                    "{\"emo\": {\"role\": \"power-user\"}, \"anca\": {\"role\": \"namespace-owner\", \"namespaces\": [\"plotting-book\"]}}"))
            .put("secret", "workstation/users/emo", Map.of("forgejo_token", EMO_FORGEJO_TOKEN))
            .put(
                "secret",
                "workstation/users/anca",
                Map.of("forgejo_token", "forgejo-token-anca-55aa"))
            .put(
                "secret",
                "workstation/users/wizard",
                Map.of("forgejo_token", "forgejo-token-wizard-99"));
    Path tokenFile = box.dir().resolve("vault-token");
    Files.writeString(tokenFile, VAULT_TOKEN + "\n");
    box.exec(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            box.dir() + "/ca.key",
            "-out",
            box.dir() + "/ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=test-cluster-ca")
        .ok();
    String ca =
        java.util.Base64.getEncoder()
            .encodeToString(Files.readAllBytes(box.dir().resolve("ca.pem")));
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    config =
        site.configure(
            "repos:\n  base_url: https://forgejo.example:3000/viktor\n"
                + "kube:\n  cluster: homelab\n  server: https://127.0.0.1:"
                + closedPort
                + "\n  certificate_authority_data: "
                + ca
                + "\n  oidc_issuer: https://sso.example/application/o/kubernetes/\n  oidc_client_id: kubernetes\n"
                + "  extra_scopes: [email, profile, groups]\n  grant_type: auto\n"
                + "vault:\n  address: "
                + vault.address()
                + "\n  token_file: "
                + tokenFile
                + "\n"
                + "  k8s_users: {mount: secret, path: platform, field: k8s_users}\n"
                + "  user_secrets: {mount: secret, path: \"workstation/users/{os_user}\", field: forgejo_token}\n");
    // a stand-in for the kubelogin plugin that records what it was asked and hands out a token
    standin = Files.createDirectories(box.dir().resolve("standin"));
    Files.writeString(
        standin.resolve("kubectl-oidc_login"),
        "#!/bin/sh\necho \"$@\" >> /tmp/oidc-login-args-$(id -un)\n"
            + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\","
            + "\"status\":{\"token\":\"fake-id-token\"}}'\n");
    box.sh("chmod -R a+rx " + standin + " && chmod a+r " + tokenFile).ok();
  }

  Sandbox.Result kubectl(String user, String args) {
    return box.asUser(
        user, "PATH=" + standin + ":$PATH kubectl --kubeconfig ~/.kube/config " + args);
  }

  @Test
  void every_tier_gets_a_kubeconfig_that_kubectl_loads_with_the_right_contexts() throws Exception {
    roster.commitRoster(ROSTER);
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    Map<String, List<String>> expected =
        Map.of(
            "wizard", List.of("homelab-admin"),
            "emo", List.of("homelab"),
            "anca", List.of("homelab-plotting-book", "homelab-tripit"));
    for (var e : expected.entrySet()) {
      String user = e.getKey();
      assertEquals(
          "700 600 " + user,
          box.sh(
                  "stat -c %a /home/"
                      + user
                      + "/.kube | tr -d '\\n'; echo -n ' ';"
                      + " stat -c '%a %U' /home/"
                      + user
                      + "/.kube/config")
              .ok()
              .out()
              .strip());
      String contexts = kubectl(user, "config get-contexts -o name").ok().out();
      assertEquals(e.getValue(), List.of(contexts.strip().split("\n")), user);
      for (String ctx : e.getValue()) {
        Sandbox.Result get = kubectl(user, "--context " + ctx + " get ns --request-timeout=3s");
        assertTrue(get.code() != 0);
        assertTrue(
            get.err().contains("connection refused"),
            "expected a connection error, not exec/config/cert: " + get.err());
      }
    }
    assertEquals(
        "homelab-plotting-book", kubectl("anca", "config current-context").ok().out().strip());
    assertTrue(
        kubectl("anca", "config view --minify -o jsonpath={..namespace}")
            .ok()
            .out()
            .contains("plotting-book"));
    String args = box.exec("cat", "/tmp/oidc-login-args-emo").ok().out();
    assertTrue(args.contains("get-token"), args);
    assertTrue(
        args.contains("--oidc-issuer-url=https://sso.example/application/o/kubernetes/"), args);
    assertTrue(args.contains("--oidc-client-id=kubernetes"), args);
    for (String scope : List.of("email", "profile", "groups")) {
      assertTrue(args.contains("--oidc-extra-scope=" + scope), args);
    }
    assertEquals(0, site.ws("plan").code(), "converged");
  }

  /**
   * google-cloud-cli's {@code kubectl} is a dispatcher: asked for a plugin command it cannot find,
   * it runs {@code kubectl} again. With the exec stanza {@code kubectl oidc-login get-token} and no
   * plugin installed, that spawned kubectl 615 times on a real host. The stand-in below dispatches
   * the same way (its recursion capped at 20, so the test stays bounded) and counts its calls.
   */
  @Test
  void a_missing_kubelogin_fails_once_with_the_install_hint_under_a_dispatching_kubectl()
      throws Exception {
    roster.commitRoster(ROSTER);
    site.ws("reconcile").ok();
    Path dispatch = Files.createDirectories(box.dir().resolve("dispatch"));
    String real = box.sh("command -v kubectl").ok().out().strip();
    // in the sandbox's own dir: /tmp is the host's, and a file there outlives the test
    Path calls = box.dir().resolve("dispatcher-calls");
    box.write(calls.toString(), "", "666");
    Files.writeString(
        dispatch.resolve("kubectl"),
        "#!/bin/sh\n"
            + "calls="
            + calls
            + "\n"
            + "echo \"$*\" >> $calls\n"
            + "[ \"$(wc -l < $calls)\" -ge 20 ] && { echo 'dispatcher: recursion cut at 20' >&2;"
            + " exit 1; }\n"
            + "if [ \"$1\" = oidc-login ] && ! command -v kubectl-oidc_login >/dev/null; then\n"
            + "  kubectl \"$@\"; exit $?\n"
            + "fi\n"
            + "exec "
            + real
            + " \"$@\"\n");
    box.sh("chmod -R a+rx " + dispatch).ok();
    Sandbox.Result get =
        box.asUser(
            "emo",
            "PATH="
                + dispatch
                + ":/usr/bin:/bin kubectl --kubeconfig ~/.kube/config get ns --request-timeout=3s");
    assertTrue(get.code() != 0, get.both());
    String ran = box.exec("cat", calls.toString()).ok().out();
    assertEquals(1, ran.strip().split("\n").length, "kubectl ran once, not again:\n" + ran);
    assertTrue(get.err().contains("kubectl-oidc_login"), get.err());
    assertTrue(get.err().contains("kubelogin is not installed"), get.err());
  }

  @Test
  void a_user_owned_kubeconfig_is_never_clobbered() throws Exception {
    box.exec("useradd", "-m", "emo").ok();
    box.asUser(
            "emo",
            "mkdir -p ~/.kube && echo 'apiVersion: v1' > ~/.kube/config && echo 'kind: Config' >> ~/.kube/config")
        .ok();
    String before = box.fingerprint("/home/emo/.kube/config");
    roster.commitRoster(ROSTER);
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("emo: ~/.kube/config is the user's own"), r.out());
    assertEquals(before, box.fingerprint("/home/emo/.kube/config"));
  }

  @Test
  void a_tier_mismatch_aborts_before_any_account_is_created() throws Exception {
    roster.commitRoster(
        ROSTER.replace(
            "k8s_user: emo, tier: power-user",
            "k8s_user: emo, tier: namespace-owner, namespaces: [x]"));
    String before = box.fingerprint("/etc/passwd", "/home");
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(3, r.code(), r.both());
    assertTrue(
        r.err()
            .contains(
                "users.emo.tier: roster tier is namespace-owner but the cluster role of k8s_user emo is power-user"),
        r.err());
    assertEquals(before, box.fingerprint("/etc/passwd", "/home"));
  }

  @Test
  void an_absent_k8s_user_is_a_warning_and_vault_denied_or_down_lets_the_run_go_on_and_fail()
      throws Exception {
    roster.commitRoster(ROSTER + "  zed: {authentik_user: zed, k8s_user: zed, tier: power-user}\n");
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out().contains("warning: zed: k8s_user zed is not in k8s_users yet (grant pending)"),
        r.out());

    // Vault denies (403): the run goes on unvalidated (SPEC 6.8) and fails, naming the cause
    Path tokenFile = box.dir().resolve("vault-token");
    Files.writeString(tokenFile, "hvs.not-the-token\n");
    roster.commitRoster(ROSTER + "  xia: {authentik_user: xia, k8s_user: xia, tier: power-user}\n");
    Sandbox.Result denied = site.ws("reconcile");
    assertEquals(1, denied.code(), denied.both());
    assertTrue(
        denied.out().contains("error: ") && denied.out().contains("tier validation skipped"),
        denied.both());
    assertEquals(0, box.exec("getent", "passwd", "xia").code(), "the run went on");
    Sandbox.Result status = site.ws("status");
    assertEquals(1, status.code(), status.both());
    assertTrue(status.out().contains("problem: kept back: "), status.out());
    Files.writeString(tokenFile, VAULT_TOKEN + "\n");

    vault.close();
    roster.commitRoster(ROSTER + "  yan: {authentik_user: yan, k8s_user: yan, tier: power-user}\n");
    Sandbox.Result down = site.ws("reconcile");
    assertEquals(1, down.code(), down.both());
    assertTrue(down.out().contains("tier validation skipped"), down.both());
    assertEquals(0, box.exec("getent", "passwd", "yan").code(), "the run went on");
  }

  @Test
  void git_credentials_come_from_vault_0600_and_the_token_leaks_nowhere() throws Exception {
    roster.commitRoster(ROSTER);
    Sandbox.Result plan = site.ws("--json", "plan");
    Sandbox.Result r = site.ws("--json", "reconcile");
    assertEquals(0, r.code(), r.both());
    String creds = box.exec("cat", "/home/emo/.git-credentials").ok().out();
    assertEquals("https://emo:" + EMO_FORGEJO_TOKEN + "@forgejo.example%3a3000\n", creds);
    assertEquals(
        "600 emo",
        box.exec("stat", "-c", "%a %U", "/home/emo/.git-credentials").ok().out().strip());
    assertEquals("Emil B", box.asUser("emo", "git config --global user.name").ok().out().strip());
    assertEquals(
        "emil@example.org", box.asUser("emo", "git config --global user.email").ok().out().strip());
    for (String output : List.of(plan.both(), r.both(), site.ws("plan").both())) {
      assertFalse(output.contains(EMO_FORGEJO_TOKEN), "token in output");
      assertFalse(output.contains(VAULT_TOKEN), "vault token in output");
    }
    String hits =
        box.sh(
                "grep -rl -e '"
                    + EMO_FORGEJO_TOKEN
                    + "' -e '"
                    + VAULT_TOKEN
                    + "' /var/lib/workstation /etc /home/emo/.kube "
                    + "/home/emo/.gitconfig 2>/dev/null; true")
            .out();
    assertEquals("", hits, "token found in state or config files");
    // an existing credentials line is never replaced
    box.asUser(
            "emo",
            "printf 'https://emo:rotated-by-hand@forgejo.example%%3a3000\\n' > ~/.git-credentials")
        .ok();
    site.ws("reconcile").ok();
    assertTrue(
        box.exec("cat", "/home/emo/.git-credentials").ok().out().contains("rotated-by-hand"));
  }
}
