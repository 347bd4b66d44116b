package dev.workstation.it;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.fixtures.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a site config for a sandbox scenario into the sandbox's scratch dir. */
final class SiteFixture {
  private SiteFixture() {}

  /**
   * A public git server with the locked infra repo and a {@code tripit} repo, a Config base, and a
   * site config with every facet (infra, repos, links, launcher, units, kube) pointing at them.
   */
  record Full(GitHttpServer server, String config) {}

  static Full everyFacet(Sandbox box, RosterRepo roster) throws Exception {
    Path fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    GitHttpServer server =
        new GitHttpServer()
            .serve("infra.git", infra, true)
            .serve("viktor/infra.git", infra, true)
            .serve("viktor/tripit.git", Fixtures.plainRepo(fixtures, "tripit"), true);
    Files.createDirectories(box.dir().resolve("base/skills/a"));
    Files.writeString(box.dir().resolve("base/CLAUDE.md"), "shared\n");
    box.sh("chmod -R a+rX " + box.dir().resolve("base")).ok();
    Path launcher =
        Path.of(System.getProperty("workstation.repo", ".."))
            .resolve("managed-config/start-claude.sh");
    String config =
        write(
                box.dir(),
                roster.origin().toString(),
                infra(server)
                    + "repos: {base_url: "
                    + server.base()
                    + "/viktor}\n"
                    + "config_base: {dir: "
                    + box.dir().resolve("base")
                    + "}\n"
                    + "launcher: {source: "
                    + launcher.toAbsolutePath().normalize()
                    + "}\n"
                    + "units: {per_user: [t3-serve@], env_dir: /etc/t3-serve, port_pools: {t3: 3773}}\n"
                    + "kube: {server: https://127.0.0.1:1, certificate_authority_data: Q0E=, oidc_issuer: https://sso.invalid/o/k/,"
                    + " oidc_client_id: kubernetes}\n")
            .toString();
    return new Full(server, config);
  }

  /** The {@code infra:} line for the locked infra repo {@code server} serves as infra.git. */
  static String infra(GitHttpServer server) {
    return "infra: {clone_url: "
        + server.url("infra.git")
        + ", push_remote: forgejo, push_url: "
        + server.url("viktor/infra.git")
        + ", branch: master}\n";
  }

  static Path write(Path dir, String rosterUrl, String extra) throws IOException {
    return write(dir, rosterUrl, "", extra);
  }

  /**
   * @param rosterKeys more {@code roster:} keys, each line indented two spaces (e.g. {@link
   *     SigningKeys#siteKeys})
   */
  static Path write(Path dir, String rosterUrl, String rosterKeys, String extra)
      throws IOException {
    Path config = dir.resolve("workstation.yaml");
    String yaml =
        (rosterUrl == null
                ? ""
                : "roster:\n  url: "
                    + rosterUrl
                    + "\n  branch: master\n  path: "
                    + RosterRepo.PATH
                    + "\n"
                    + rosterKeys)
            + "state_dir: /var/lib/workstation\n"
            + "home_root: /home\n"
            + "tier_groups:\n  admin: [code-shared, docker, sudo]\n"
            + extra;
    Files.writeString(config, yaml);
    return config;
  }
}
