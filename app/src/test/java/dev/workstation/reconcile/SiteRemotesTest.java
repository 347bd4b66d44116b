package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfigParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteRemotesTest {
  static AccountSpec user(List<String> repos) {
    return new AccountSpec(
        "anca",
        Tier.POWER_USER,
        "/bin/bash",
        true,
        List.of(),
        CodeLayout.WORKSPACE,
        repos,
        List.of(),
        false,
        true,
        "anca",
        "anca");
  }

  @Test
  void root_mirrors_infras_two_urls_and_the_users_own_roster_repos_only() {
    var site =
        SiteConfigParser.parse(
            "w.yaml",
            ("infra: {clone_url: https://github.com/e/infra.git, push_url:"
                    + " https://forgejo.e/v/infra.git}\nrepos: {base_url: https://forgejo.e/v}\n")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        Set.of(
            URI.create("https://github.com/e/infra.git"),
            URI.create("https://forgejo.e/v/infra.git"),
            URI.create("https://forgejo.e/v/tripit.git")),
        SiteRemotes.of(site, user(List.of("tripit"))));
  }

  @Test
  void a_local_remote_is_the_sites_too_written_as_a_file_url() {
    var site =
        SiteConfigParser.parse(
            "w.yaml",
            "infra: {clone_url: /srv/infra.git, push_url: file:///srv/git/infra.git/}\n"
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        Set.of(URI.create("file:///srv/infra.git"), URI.create("file:///srv/git/infra.git")),
        SiteRemotes.of(site, user(List.of())));
  }

  @Test
  void an_ssh_remote_or_an_unplain_path_is_left_to_the_users_worker() {
    var site =
        SiteConfigParser.parse(
            "w.yaml",
            "infra: {clone_url: ssh://git@h/infra.git, push_url: /srv/../etc/infra.git}\n"
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of(), SiteRemotes.of(site, user(List.of())));
  }
}
