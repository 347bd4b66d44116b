package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.secrets.Secrets;
import dev.workstation.secrets.TokenSpec;
import dev.workstation.site.SiteConfig;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Claude-login token actions through their ports, in memory: order, and what a failure undoes.
 */
class ClaudeTokenActionsTest {
  static final TokenSpec SPEC = TokenSpec.forUser(SiteConfig.ClaudeAuth.defaults("secret"), "emo");

  final InMemoryEffects fx = new InMemoryEffects();

  MintClaudeToken mint(Optional<String> replaces) {
    return new MintClaudeToken("emo", SPEC, replaces, "none handed out yet", List.of());
  }

  @Test
  void a_token_is_minted_recorded_then_handed_to_the_users_worker_on_its_stdin() throws Exception {
    fx.worker(
        (user, req, deadline) -> {
          WorkerRequest.ClaudeAuthHome home = (WorkerRequest.ClaudeAuthHome) req;
          assertEquals(Optional.of("token-1"), home.token());
          assertFalse(home.toString().contains("token-1"), home.toString());
          return new WorkerReply.Done();
        });
    mint(Optional.empty()).apply(fx);
    assertEquals(
        List.of(
            "mint workstation-claude-auth-emo accessor-1",
            "record emo accessor-1",
            "worker emo claude-auth-home"),
        fx.log);
    assertEquals(Map.of("emo", "accessor-1"), fx.accessors);
    assertFalse(mint(Optional.empty()).toString().contains("token-1"));
  }

  @Test
  void a_stale_token_is_revoked_before_its_replacement_is_minted() throws Exception {
    fx.tokens.put("old", "old-token");
    mint(Optional.of("old")).apply(fx);
    assertEquals("revoke old", fx.log.get(0));
    assertEquals(Map.of("accessor-1", "token-1"), fx.tokens);
  }

  @Test
  void a_token_the_worker_could_not_write_is_revoked_and_its_record_dropped() {
    fx.worker(
        (user, req, deadline) -> {
          throw new IOException("/home/emo/.config is not a directory");
        });
    IOException e = assertThrows(IOException.class, () -> mint(Optional.empty()).apply(fx));
    assertTrue(e.getMessage().contains(".config"), e.getMessage());
    assertEquals(Map.of(), fx.tokens, "the new token was revoked");
    assertEquals(Map.of(), fx.accessors, "no record: the next run mints again");
  }

  @Test
  void vault_refusing_the_mint_changes_nothing_in_the_home() {
    fx.tokenFailure =
        new Secrets.SecretsException("vault: auth/token/create: permission denied", false);
    assertThrows(Secrets.SecretsException.class, () -> mint(Optional.empty()).apply(fx));
    assertTrue(fx.log.stream().noneMatch(l -> l.startsWith("worker")), fx.log.toString());
  }

  @Test
  void a_revoke_drops_the_record_and_one_that_fails_keeps_it_for_the_next_run() throws Exception {
    fx.tokens.put("a1", "t1");
    fx.accessors.put("emo", "a1");
    new RevokeClaudeToken("emo", "a1", "claude_auth is false").apply(fx);
    assertEquals(List.of("revoke a1", "forget emo"), fx.log);
    assertEquals(Map.of(), fx.accessors);

    fx.accessors.put("kai", "a2");
    fx.tokenFailure = new Secrets.SecretsException("vault: unreachable", true);
    assertThrows(
        Secrets.SecretsException.class,
        () -> new RevokeClaudeToken("kai", "a2", "parked").apply(fx));
    assertEquals(Map.of("kai", "a2"), fx.accessors);
  }
}
