package dev.workstation.cli;

import dev.workstation.fixtures.AuthentikFake;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's membership step: the identity provider's group gains a member; {@code membership sync
 * --dry-run} against the Authentik fake (the demo's fixture) shows the floor row it would commit,
 * and commits nothing.
 */
final class DemoMembership {
  private DemoMembership() {}

  static void dryRun(Path dir, DemoRepos repos, DemoReport r) throws Exception {
    r.step(
        "8. membership sync --dry-run — the IdP group (an Authentik fake) has a new member, newbie");
    try (AuthentikFake idp = AuthentikFake.start("demo-token")) {
      idp.group(
          "T3 Users",
          java.util.stream.Stream.of("vbarzin", "emil.barzin", "pat.s", "newbie@example.org")
              .map(AuthentikFake.User::of)
              .toList());
      Path token = dir.resolve("authentik-token");
      Files.writeString(token, "demo-token\n");
      Files.writeString(
          dir.resolve("workstation.yaml"),
          "membership: {url: '"
              + idp.url()
              + "', group: T3 Users, token_file: "
              + token
              + ", floor: {tier: namespace-owner, namespaces: ['{os_user}'], code_layout: workspace}}\n",
          java.nio.file.StandardOpenOption.APPEND);
      String head = repos.committed("roster.yaml");
      int dry = r.cli("membership", "sync", "--dry-run");
      r.record(
          dry == 2 && head.equals(repos.committed("roster.yaml")),
          "membership sync --dry-run showed newbie's floor row pending and committed nothing (exit "
              + dry
              + ")");
    }
  }
}
