package dev.workstation.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a site config for a sandbox scenario into the sandbox's scratch dir. */
final class SiteFixture {
  private SiteFixture() {}

  static Path write(Path dir, String rosterUrl, String extra) throws IOException {
    Path config = dir.resolve("workstation.yaml");
    String yaml = (rosterUrl == null ? "" : "roster:\n  url: " + rosterUrl + "\n  branch: master\n  path: " + RosterRepo.PATH + "\n")
        + "state_dir: /var/lib/workstation\n"
        + "home_root: /home\n"
        + "tier_groups:\n  admin: [code-shared, docker, sudo]\n"
        + extra;
    Files.writeString(config, yaml);
    return config;
  }
}
