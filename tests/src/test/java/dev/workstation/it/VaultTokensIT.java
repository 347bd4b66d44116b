package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.secrets.KvEntry;
import dev.workstation.secrets.MintedToken;
import dev.workstation.secrets.ScopedVault;
import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.secrets.TokenInfo;
import dev.workstation.secrets.TokenSpec;
import dev.workstation.secrets.VaultTokens;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root's and the user's Vault token API (SPEC §6.12), through the real vault-java-driver in {@code
 * secrets.VaultTokens} and {@code secrets.ScopedVault}, against the Vault fake enforcing the
 * documented policies ({@code docs/examples/*.hcl}): root's token holds only the issuer policy,
 * each user's only their own.
 */
class VaultTokensIT {
  static final Path EXAMPLES =
      Path.of(System.getProperty("workstation.repo", "..")).resolve("docs/examples");
  static final SiteConfig.ClaudeAuth AUTH = SiteConfig.ClaudeAuth.defaults("secret");

  @TempDir Path dir;
  VaultFake vault;
  VaultTokens root;

  /** The documented user policy for {@code user}, as {@code vault policy write} gets it. */
  static String userPolicy(String user) throws IOException {
    return Files.readString(EXAMPLES.resolve("workstation-claude-user.hcl"))
        .replace("{os_user}", user);
  }

  /** A Vault fake whose root-like token for the product holds only the issuer policy. */
  static VaultFake withPolicies(String... users) throws IOException {
    VaultFake vault = new VaultFake("admin-root-token");
    vault.policy(
        "workstation-issuer", Files.readString(EXAMPLES.resolve("workstation-issuer.hcl")));
    for (String u : users) {
      vault.policy(AUTH.policy(u), userPolicy(u));
    }
    return vault;
  }

  @BeforeEach
  void start() throws Exception {
    vault = withPolicies("alice", "bob");
    root = login(vault.issue("workstation", List.of("workstation-issuer"), Duration.ofDays(999)));
  }

  /** {@link VaultTokens} logged in as the site config says: a token file. */
  VaultTokens login(String token) throws Exception {
    Path file = Files.createTempFile(dir, "vault-token", "");
    Files.writeString(file, token + "\n");
    return VaultTokens.login(
        new SiteConfig.Vault(
            vault.address(),
            Optional.of(file),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void root_mints_a_periodic_orphan_token_carrying_exactly_the_users_policy() throws Exception {
    MintedToken t = root.mint(TokenSpec.forUser(AUTH, "alice"));
    assertFalse(t.toString().contains(t.token()), "toString keeps the token out");
    TokenInfo info = root.lookupAccessor(t.accessor()).orElseThrow();
    assertEquals("token-workstation-claude-auth-alice", info.displayName());
    assertEquals(List.of("workstation-claude-alice"), info.policies(), "not even default");
    assertEquals(Duration.ofHours(768).toSeconds(), info.periodSeconds());
    assertTrue(info.renewable() && info.orphan(), info.toString());
    assertTrue(info.isScoped(AUTH.displayName("alice"), AUTH.policy("alice")));
    assertFalse(info.isScoped(AUTH.displayName("bob"), AUTH.policy("bob")));
  }

  @Test
  void a_users_token_reads_and_writes_its_own_path_only() throws Exception {
    vault.put("secret", AUTH.path("bob"), Map.of("claudeAiOauth", "bob's"));
    ScopedVault alice = ScopedVault.connect(vault.address(), root.mint(spec("alice")).token());
    assertTrue(alice.lookupSelf().isScoped(AUTH.displayName("alice"), AUTH.policy("alice")));
    alice.renewSelf();

    KvEntry none = alice.read("secret", AUTH.path("alice"));
    assertEquals(KvEntry.absent(), none);
    alice.write("secret", AUTH.path("alice"), none, none.with("claudeAiOauth", Map.of("a", 1)));
    KvEntry mine = alice.read("secret", AUTH.path("alice"));
    assertEquals(1, mine.version());

    SecretsException read =
        assertThrows(SecretsException.class, () -> alice.read("secret", AUTH.path("bob")));
    assertEquals(
        "vault: secret/workstation/claude-users/bob: permission denied", read.getMessage());
    assertThrows(
        SecretsException.class,
        () -> alice.write("secret", AUTH.path("bob"), mine, Map.of("claudeAiOauth", "mallory")));
    assertEquals(Map.of("claudeAiOauth", "bob's"), vault.get("secret", AUTH.path("bob")).get());
  }

  @Test
  void a_write_keeps_the_other_keys_and_a_stale_one_is_refused() throws Exception {
    ScopedVault alice = ScopedVault.connect(vault.address(), root.mint(spec("alice")).token());
    vault.put("secret", AUTH.path("alice"), Map.of("setup_note", "keep me", "n", 7));
    KvEntry before = alice.read("secret", AUTH.path("alice"));
    alice.write("secret", AUTH.path("alice"), before, before.with("claudeAiOauth", Map.of()));
    Map<String, Object> now = vault.get("secret", AUTH.path("alice")).orElseThrow();
    assertEquals("keep me", now.get("setup_note"));
    assertEquals("7", String.valueOf(now.get("n")));
    assertEquals(Map.of(), now.get("claudeAiOauth"));
    SecretsException stale =
        assertThrows(
            SecretsException.class,
            () -> alice.write("secret", AUTH.path("alice"), before, before.data()));
    assertTrue(stale.getMessage().endsWith("bad request"), stale.getMessage());
  }

  @Test
  void revoking_by_accessor_ends_the_token_and_a_second_revoke_finds_it_gone() throws Exception {
    MintedToken t = root.mint(spec("alice"));
    assertTrue(root.revokeAccessor(t.accessor()));
    assertTrue(vault.revoked(t.accessor()));
    assertEquals(Optional.empty(), root.lookupAccessor(t.accessor()));
    assertFalse(root.revokeAccessor(t.accessor()));
    ScopedVault alice = ScopedVault.connect(vault.address(), t.token());
    SecretsException e = assertThrows(SecretsException.class, alice::lookupSelf);
    assertFalse(e.getMessage().contains(t.token()), e.getMessage());
  }

  @Test
  void a_token_not_renewed_within_its_period_lapses_and_a_renewed_one_lives_on() throws Exception {
    MintedToken kept = root.mint(spec("alice"));
    MintedToken lapsed = root.mint(spec("bob"));
    vault.elapse(Duration.ofHours(700));
    ScopedVault.connect(vault.address(), kept.token()).renewSelf();
    vault.elapse(Duration.ofHours(100));
    assertTrue(root.lookupAccessor(kept.accessor()).isPresent());
    assertEquals(Optional.empty(), root.lookupAccessor(lapsed.accessor()));
  }

  @Test
  void a_user_token_cannot_mint_and_an_issuer_without_sudo_cannot_mint_a_periodic_one()
      throws Exception {
    VaultTokens alice = login(root.mint(spec("alice")).token());
    SecretsException denied = assertThrows(SecretsException.class, () -> alice.mint(spec("bob")));
    assertTrue(denied.getMessage().endsWith("permission denied"), denied.getMessage());
    vault.policy(
        "no-sudo", "path \"auth/token/create\" {\n  capabilities = [\"create\", \"update\"]\n}\n");
    VaultTokens weak = login(vault.issue("weak", List.of("no-sudo"), Duration.ofHours(1)));
    SecretsException e = assertThrows(SecretsException.class, () -> weak.mint(spec("bob")));
    assertTrue(
        e.getMessage().contains("workstation-claude-auth-bob")
            && e.getMessage().endsWith("bad request"),
        e.getMessage());
    assertTrue(
        vault.liveTokens().stream()
            .noneMatch(t -> t.get("display_name").equals("token-workstation-claude-auth-bob")),
        "no token was minted for bob");
  }

  static TokenSpec spec(String user) {
    return TokenSpec.forUser(AUTH, user);
  }
}
