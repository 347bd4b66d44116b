package dev.workstation.cli;

import dev.workstation.host.Capacity;
import dev.workstation.input.InvalidInputException;
import dev.workstation.reconcile.RosterLoader;
import dev.workstation.roster.RosterParser;
import dev.workstation.secrets.Secrets;
import dev.workstation.secrets.VaultSecrets;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.SystemdUnits;
import dev.workstation.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code workstation doctor}: host prerequisites, each with a one-line remedy. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the host: tools on PATH, the site config, the state dir, the roster fetch, Vault,",
      "OIDC discovery, kubelogin, and capacity. Each failing check says how to fix it. Exit 1 if any fails."
    })
final class DoctorCommand extends Subcommand implements Callable<Integer> {

  /** One check: ok | warn | fail, what was seen, and the remedy when not ok. */
  record Check(String name, String status, String detail, String remedy) {}

  private final List<Check> checks = new ArrayList<>();

  @Override
  public Integer call() {
    tools();
    Optional<SiteConfig> site = siteConfig();
    boolean placeholders = checks.stream().anyMatch(c -> c.name().startsWith("fill in "));
    site.ifPresent(
        s -> {
          stateDir(s);
          if (placeholders) {
            // the example's hosts are not this site's: contact none of them until filled in
            warn(
                "network checks",
                "skipped: the config still holds the example's placeholders",
                "fill in the keys above, then run workstation doctor again");
          } else {
            roster(s);
            checks.addAll(FirstRunChecks.vaultToken(s));
            vault(s);
            oidc(s);
          }
          capacity(s);
          unitTemplates(s);
          shell(s);
        });
    checks.addAll(FirstRunChecks.timer());
    if (json()) {
      List<Object> out = new ArrayList<>();
      for (Check c : checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("status", c.status());
        m.put("detail", c.detail());
        m.put("remedy", c.remedy());
        out.add(m);
      }
      jsonOut()
          .print(
              Json.write(
                  Map.of(
                      "checks",
                      out,
                      "healthy",
                      checks.stream().noneMatch(c -> c.status().equals("fail")))));
    } else {
      int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
      for (Check c : checks) {
        out()
            .printf(
                "%-5s %-" + width + "s  %s%n",
                c.status().toUpperCase(java.util.Locale.ROOT),
                c.name(),
                c.detail());
        if (!c.status().equals("ok")) {
          out().println("      remedy: " + c.remedy());
        }
      }
      out().println(FirstRunChecks.next(checks));
    }
    return checks.stream().anyMatch(c -> c.status().equals("fail"))
        ? ExitCodes.FAILED
        : ExitCodes.OK;
  }

  private void add(String name, boolean ok, String detail, String remedy) {
    checks.add(new Check(name, ok ? "ok" : "fail", detail, remedy));
  }

  private void warn(String name, String detail, String remedy) {
    checks.add(new Check(name, "warn", detail, remedy));
  }

  private void tools() {
    Map<String, String> required = new LinkedHashMap<>();
    required.put("useradd", "apt-get install passwd");
    required.put("usermod", "apt-get install passwd");
    required.put("passwd", "apt-get install passwd");
    required.put("chage", "apt-get install passwd");
    required.put("userdel", "apt-get install passwd");
    required.put("setpriv", "apt-get install util-linux");
    required.put("runuser", "apt-get install util-linux");
    required.put("tar", "apt-get install tar");
    required.put("systemctl", "apt-get install systemd");
    for (var t : required.entrySet()) {
      Optional<Path> p = onPath(t.getKey());
      add(
          "tool " + t.getKey(),
          p.isPresent(),
          p.map(Path::toString).orElse("not on PATH"),
          t.getValue());
    }
    for (String optional : List.of("git", "git-crypt", "kubectl")) {
      Optional<Path> p = onPath(optional);
      if (p.isPresent()) {
        add("tool " + optional, true, p.get().toString(), "");
      } else {
        warn(
            "tool " + optional,
            "not on PATH",
            "apt-get install " + (optional.equals("kubectl") ? "kubernetes-client" : optional));
      }
    }
  }

  static Optional<Path> onPath(String tool) {
    String path =
        Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private Optional<SiteConfig> siteConfig() {
    Path config = root().config;
    try {
      SiteConfig s = SiteConfigParser.load(config);
      add("site config", true, config.toString(), "");
      checks.addAll(FirstRunChecks.placeholders(config));
      s.roster().ifPresent(r -> checks.addAll(RosterTrustChecks.files(r)));
      return Optional.of(s);
    } catch (InvalidInputException e) {
      for (dev.workstation.input.Problem p : e.problems()) { // every one, in file order
        add("site config", false, p.render(), "fix " + config + " (see workstation.example.yaml)");
      }
      return Optional.empty();
    }
  }

  private void stateDir(SiteConfig s) {
    Path d = s.stateDir();
    boolean ok = Files.isDirectory(d) ? Files.isWritable(d) : Files.isWritable(d.getParent());
    add(
        "state dir",
        ok,
        d + (Files.isDirectory(d) ? "" : " (will be created)"),
        "run as root; make " + d.getParent() + " writable");
  }

  private void roster(SiteConfig s) {
    if (s.roster().isEmpty()) {
      // plan and reconcile refuse such a config (exit 3): so does doctor
      add(
          "roster source",
          false,
          "no roster: section",
          "add roster: {url, branch, path} to the site config");
      return;
    }
    try {
      RosterLoader.Loaded l = RosterLoader.load(s, Optional.empty(), root().config);
      int users = RosterParser.parse(l.file(), l.bytes()).users().size();
      if (l.origin().startsWith("commit ")) {
        add("roster fetch", true, l.origin() + " (" + users + " users)", "");
      } else {
        add(
            "roster fetch",
            false,
            l.warnings().get(l.warnings().size() - 1),
            "check roster.url, the network and roster.credentials_file");
      }
      checks.addAll(RosterTrustChecks.source(l.source()));
    } catch (InvalidInputException e) {
      add(
          "roster",
          false,
          e.getMessage().lines().findFirst().orElse(""),
          "fix the committed roster (workstation roster validate)");
    } catch (Exception e) {
      add(
          "roster fetch",
          false,
          e.getMessage(),
          "check roster.url, the network and roster.credentials_file");
    }
  }

  private void vault(SiteConfig s) {
    if (s.vault().isEmpty()) {
      warn(
          "vault",
          "no vault: section: no tier validation, no git credentials",
          "add vault: to the site config");
      return;
    }
    SiteConfig.Vault v = s.vault().get();
    Optional<SiteConfig.VaultSecretRef> ref = v.k8sUsers().or(v::userSecrets);
    if (ref.isEmpty()) {
      warn(
          "vault",
          v.address() + ": nothing configured to read",
          "set vault.k8s_users and vault.user_secrets");
      return;
    }
    try {
      new VaultSecrets(v)
          .read(
              ref.get().mount(),
              ref.get().path().replace("{os_user}", "doctor-probe"),
              ref.get().field());
      add(
          "vault",
          true,
          v.address()
              + ": token valid, "
              + ref.get().mount()
              + "/"
              + ref.get().path()
              + " readable",
          "");
    } catch (Secrets.SecretsException e) {
      boolean reachedAndAuthorized = e.notFound() && ref.get().path().contains("{os_user}");
      add(
          "vault",
          reachedAndAuthorized,
          e.getMessage(),
          e.unreachable()
              ? "check vault.address and the network"
              : "check the token (vault.token_file) or AppRole and its policy");
    }
  }

  private void oidc(SiteConfig s) {
    if (s.kube().isEmpty()) {
      warn("kube", "no kube: section: no kubeconfigs", "add kube: to the site config");
      return;
    }
    String issuer = s.kube().get().oidcIssuer();
    String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url))
                      .timeout(Duration.ofSeconds(10))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      boolean ok = r.statusCode() == 200 && r.body().contains("\"issuer\"");
      add(
          "oidc discovery",
          ok,
          url + " → HTTP " + r.statusCode(),
          "check kube.oidc_issuer (it must serve OpenID discovery)");
    } catch (Exception e) {
      add(
          "oidc discovery",
          false,
          url + ": " + e.getClass().getSimpleName(),
          "check kube.oidc_issuer and the network");
    }
    Optional<Path> kubelogin = onPath("kubectl-oidc_login");
    if (kubelogin.isPresent()) {
      add("kubelogin", true, kubelogin.get().toString(), "");
    } else {
      warn(
          "kubelogin",
          "kubectl-oidc_login not on PATH: kubeconfigs cannot log in",
          "install kubelogin (int128/kubelogin) as /usr/local/bin/kubectl-oidc_login");
    }
  }

  /** Every configured per-user template must be installed: the site's, not the package's. */
  private void unitTemplates(SiteConfig s) {
    if (!s.unitsConfigured() || s.units().perUser().isEmpty()) {
      return;
    }
    SystemdUnits units = SystemdUnits.fromEnvironment();
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (UnitTemplate t : s.units().perUser()) {
      units.unitFile(t.file()).ifPresentOrElse(found::add, () -> missing.add(t.file()));
    }
    add(
        "unit templates",
        missing.isEmpty(),
        missing.isEmpty()
            ? String.join(", ", found)
            : "not installed: " + String.join(", ", missing),
        "install each template with the surface it runs (docs/examples/t3-serve@.service shows the"
            + " shape), or drop it from units.per_user");
  }

  /** New accounts' shell: default_shell, else /bin/zsh where installed, else /bin/bash. */
  private void shell(SiteConfig s) {
    if (Files.isExecutable(Path.of(s.defaultShell()))) {
      add("default shell", true, "new accounts get " + s.defaultShell(), "");
    } else {
      warn(
          "default shell",
          s.defaultShell() + " is not installed: new accounts get /bin/bash",
          "install it (apt-get install zsh), or set default_shell");
    }
  }

  private void capacity(SiteConfig s) {
    try {
      Capacity c = Capacity.measure(s.homeRoot());
      List<String> v = s.capacity().map(cap -> c.violations(cap, 0)).orElse(List.of());
      String detail =
          String.format(
              "memory %.1f GiB, swap %.1f GiB, free disk %.1f GiB",
              c.memTotal() / 1073741824.0,
              c.swapTotal() / 1073741824.0,
              c.freeDisk() / 1073741824.0);
      if (v.isEmpty()) {
        add("capacity", true, detail, "");
      } else {
        warn(
            "capacity",
            detail + "; " + String.join("; ", v),
            "add swap / memory / disk, or lower capacity in the site config");
      }
    } catch (Exception e) {
      warn(
          "capacity",
          "cannot measure: " + e.getMessage(),
          "check /proc/meminfo and " + s.homeRoot());
    }
  }
}
