package dev.workstation.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
  static final String SHIPPED;

  static {
    try {
      SHIPPED =
          Files.readString(
              Path.of(System.getProperty("user.dir")).resolve("../workstation.example.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> keys(String config) {
    return Placeholders.find(
            "workstation.yaml", config.getBytes(StandardCharsets.UTF_8), Placeholders.example())
        .stream()
        .map(Problem::path)
        .toList();
  }

  @Test
  void the_untouched_example_names_every_site_specific_key_to_fill_in() {
    List<String> expected =
        new java.util.ArrayList<>(
            List.of(
                "roster.url",
                "infra.clone_url",
                "infra.push_url",
                "repos.base_url",
                "config_base.dir",
                "kube.server",
                "kube.certificate_authority_data",
                "kube.oidc_issuer",
                "vault.address",
                "membership.url",
                "membership.announce_url"));
    if (Files.isDirectory(Path.of("/home/wizard/.claude"))) {
      expected.remove("config_base.dir"); // a host whose admin is called wizard: it is theirs
    }
    assertEquals(expected, keys(SHIPPED));
  }

  @Test
  void each_problem_points_at_the_value_and_says_what_to_put_there() {
    Problem p =
        Placeholders.find(
                "workstation.yaml",
                SHIPPED.getBytes(StandardCharsets.UTF_8),
                Placeholders.example())
            .get(0);
    String line = SHIPPED.lines().toList().get(p.line() - 1);
    assertTrue(line.contains("url: https://forgejo.example/"), line);
    assertEquals(
        "workstation.yaml:"
            + p.line()
            + ":8: roster.url: still the example's placeholder"
            + " 'https://forgejo.example/viktor/infra.git'; fill in the git URL (or local path) of"
            + " the repository that holds roster.yaml",
        p.render());
  }

  @Test
  void a_filled_in_key_and_a_removed_section_are_not_placeholders() {
    String filled =
        SHIPPED
            .replace("https://forgejo.example/viktor/infra.git", "https://git.home.lan/v/infra.git")
            .replaceAll("(?s)\nkube:.*?\n\n", "\n\n");
    List<String> left = keys(filled);
    assertTrue(!left.contains("roster.url") && !left.contains("infra.push_url"), left.toString());
    assertTrue(left.stream().noneMatch(k -> k.startsWith("kube.")), left.toString());
    assertTrue(left.contains("vault.address"), left.toString());
  }

  @Test
  void a_config_written_from_scratch_has_no_placeholders() {
    assertEquals(
        List.of(),
        keys(
            "roster: {url: /srv/roster.git, branch: main, path: roster.yaml}\nstate_dir: /var/lib/ws\n"));
  }
}
