package dev.workstation.it;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.fixtures.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The package installed in a systemd sandbox and a site configured for it: a signed roster
 * repository and the infra repository served over HTTP as a forge serves them, the keys and the
 * credentials in {@code /etc/workstation}, one user (emo, a power-user). Closes the server and the
 * roster repository.
 *
 * @param fixtures where the infra repository's working copy lives ({@link Fixtures#infraCommit})
 */
record PackagedSite(GitHttpServer server, RosterRepo roster, Path fixtures)
    implements AutoCloseable {

  /**
   * Installs the built .deb with apt-get, offline: the package's dependencies are on the image; no
   * package source is configured and any download would go to a closed port (apt-get's
   * --no-download refuses a local .deb outright: "Pathname to install is not absolute").
   */
  static void install(Sandbox box) throws Exception {
    Path deb = box.dir().resolve(PackageIT.DEB.getFileName().toString());
    Files.copy(PackageIT.DEB, deb);
    Path noSources = Files.createDirectory(box.dir().resolve("no-sources"));
    box.exec(
            "apt-get",
            "install",
            "-y",
            "--no-install-recommends",
            "-o",
            "Dir::Etc::SourceList=/dev/null",
            "-o",
            "Dir::Etc::SourceParts=" + noSources,
            "-o",
            "Acquire::http::Proxy=http://127.0.0.1:9",
            "-o",
            "Acquire::https::Proxy=http://127.0.0.1:9",
            deb.toString())
        .ok();
  }

  /**
   * A signed roster repository and an infra repository served over HTTP, as a forge serves them.
   */
  static PackagedSite configure(Sandbox box) throws Exception {
    SigningKeys keys = SigningKeys.create(box.dir());
    RosterRepo roster = RosterRepo.create(box.dir()).signedBy(keys.admin());
    Path fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    GitHttpServer server =
        new GitHttpServer()
            .serve("viktor/roster.git", roster.origin(), false)
            .user("workstation", "s3cret-token", "viktor/roster.git")
            .serve("infra.git", infra, true)
            .serve("viktor/infra.git", infra, true);
    roster.commit(
        RosterRepo.SETTINGS,
        "{\"env\": {\"DISABLE_TELEMETRY\": \"1\"}}\n",
        TrustFixture.ADMIN,
        "managed settings");
    roster.commit(
        RosterRepo.PATH,
        "users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n",
        TrustFixture.ADMIN,
        "roster: emo");
    // the service has its own /tmp (PrivateTmp=yes): what it reads lives in /etc/workstation
    box.write("/etc/workstation/allowed_signers", Files.readString(keys.allowedSigners()), "0644");
    box.write("/etc/workstation/signing_key", Files.readString(keys.cli()), "0600");
    box.write(
        "/etc/workstation/roster.git-credentials",
        "http://workstation:s3cret-token@127.0.0.1:" + server.port() + "\n",
        "0600");
    box.write(
        "/etc/workstation/workstation.yaml",
        "roster:\n  url: "
            + server.url("viktor/roster.git")
            + "\n  branch: master\n  path: "
            + RosterRepo.PATH
            + "\n  managed_settings_path: "
            + RosterRepo.SETTINGS
            + "\n  allowed_signers: /etc/workstation/allowed_signers\n"
            + "  signing_key: /etc/workstation/signing_key\n"
            + "  credentials_file: /etc/workstation/roster.git-credentials\n"
            + SiteFixture.infra(server)
            + "managed_settings: {dest: /etc/claude-code/managed-settings.json}\n"
            + "metrics: {textfile_dir: /var/lib/prometheus/node-exporter}\n",
        "0644");
    return new PackagedSite(server, roster, fixtures);
  }

  @Override
  public void close() throws Exception {
    Sandbox.closeAll(server, roster);
  }
}
