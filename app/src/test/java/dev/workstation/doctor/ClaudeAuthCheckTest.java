package dev.workstation.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.site.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * doctor's judgement of a user's Claude-login policy text (SPEC §6.12): their path, and only it.
 */
class ClaudeAuthCheckTest {
  static final SiteConfig.ClaudeAuth AUTH = SiteConfig.ClaudeAuth.defaults("secret");

  static String documented(String user) throws Exception {
    return Files.readString(
            Path.of(System.getProperty("user.dir"))
                .resolve("../docs/examples/workstation-claude-user.hcl"))
        .replace("{os_user}", user);
  }

  @Test
  void the_documented_policy_reaches_only_its_users_path() throws Exception {
    assertEquals(
        Optional.empty(), ClaudeAuthCheck.problem(AUTH, "emo", Optional.of(documented("emo"))));
  }

  @Test
  void another_users_policy_a_glob_or_a_missing_policy_fails_naming_what_is_wrong()
      throws Exception {
    Check other =
        ClaudeAuthCheck.problem(AUTH, "emo", Optional.of(documented("kai"))).orElseThrow();
    assertEquals(CheckStatus.FAIL, other.status());
    assertTrue(
        other
            .detail()
            .equals(
                "policy workstation-claude-emo reaches beyond emo's path:"
                    + " secret/data/workstation/claude-users/kai"),
        other.detail());
    String glob =
        documented("emo")
            + "path \"secret/data/workstation/claude-users/*\" {\n  capabilities = [\"read\"]\n}\n";
    assertTrue(
        ClaudeAuthCheck.problem(AUTH, "emo", Optional.of(glob))
            .orElseThrow()
            .detail()
            .endsWith("secret/data/workstation/claude-users/*"));
    Check none = ClaudeAuthCheck.problem(AUTH, "emo", Optional.empty()).orElseThrow();
    assertEquals("policy workstation-claude-emo does not exist", none.detail());
    assertTrue(
        none.remedy().contains("vault policy write workstation-claude-emo -"), none.remedy());
  }

  @Test
  void a_commented_out_path_does_not_count() throws Exception {
    String text = documented("emo") + "# path \"secret/data/x\" { capabilities = [\"read\"] }\n";
    assertEquals(Optional.empty(), ClaudeAuthCheck.problem(AUTH, "emo", Optional.of(text)));
  }
}
