package dev.workstation.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenInfoTest {

  static TokenInfo token(String displayName, String... policies) {
    return new TokenInfo("acc", displayName, List.of(policies), 10, 10, true, true);
  }

  @Test
  void vault_stores_a_display_name_prefixed_and_sanitised() {
    assertEquals(
        "token-workstation-claude-auth-alice",
        TokenInfo.storedDisplayName("workstation-claude-auth-alice"));
    assertEquals(
        "token-workstation-claude-auth-a-b",
        TokenInfo.storedDisplayName("workstation-claude-auth-a_b"));
    assertEquals("token-x", TokenInfo.storedDisplayName("x."));
  }

  @Test
  void a_scoped_token_has_the_users_name_and_only_the_users_policy() {
    String name = "workstation-claude-auth-alice";
    assertTrue(
        token("token-" + name, "workstation-claude-alice")
            .isScoped(name, "workstation-claude-alice"));
    assertTrue(
        token("token-" + name, "default", "workstation-claude-alice")
            .isScoped(name, "workstation-claude-alice"),
        "Vault's default policy grants nothing of ours");
    assertFalse(
        token("token-" + name, "workstation-claude-alice", "admin")
            .isScoped(name, "workstation-claude-alice"),
        "a wider token is not the user's");
    assertFalse(
        token("token-workstation-claude-auth-bob", "workstation-claude-alice")
            .isScoped(name, "workstation-claude-alice"));
    assertFalse(token("root", "root").isScoped(name, "workstation-claude-alice"));
  }

  @Test
  void a_lookup_is_read_from_vaults_answer_and_anything_else_is_refused() {
    TokenInfo t =
        TokenInfo.fromLookup(
            ("{\"data\": {\"accessor\": \"a1\", \"display_name\": \"token-x\", \"policies\":"
                    + " [\"p\"], \"ttl\": 5, \"period\": 60, \"renewable\": true, \"orphan\":"
                    + " true, \"id\": \"hvs.secret\"}}")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(new TokenInfo("a1", "token-x", List.of("p"), 5, 60, true, true), t);
    assertFalse(t.toString().contains("hvs.secret"), "the token itself is not kept");
    assertThrows(IllegalArgumentException.class, () -> TokenInfo.fromLookup("[]".getBytes()));
  }
}
