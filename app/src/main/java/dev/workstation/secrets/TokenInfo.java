package dev.workstation.secrets;

import dev.workstation.input.StrictJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Vault says about a token ({@code auth/token/lookup-self}, {@code lookup-accessor}): never
 * the token itself. A periodic token has {@code periodSeconds > 0}; its {@code ttlSeconds} is what
 * is left until it lapses unless renewed.
 */
public record TokenInfo(
    String accessor,
    String displayName,
    List<String> policies,
    long ttlSeconds,
    long periodSeconds,
    boolean renewable,
    boolean orphan) {

  public TokenInfo {
    policies = List.copyOf(policies);
  }

  /** The policies that grant something beyond Vault's built-in {@code default}. */
  public Set<String> grants() {
    Set<String> out = new TreeSet<>(policies);
    out.remove("default");
    return out;
  }

  /**
   * Whether this is the token root mints for a user: the display name Vault stored for {@code
   * requestedDisplayName}, and {@code policy} as its only grant. A token that fails this is not the
   * user's scoped token (SPEC §6.12: the job refuses it, root re-mints).
   */
  public boolean isScoped(String requestedDisplayName, String policy) {
    return displayName.equals(storedDisplayName(requestedDisplayName))
        && grants().equals(Set.of(policy));
  }

  /**
   * The display name Vault keeps for a token created with {@code requested}: {@code token-}
   * prefixed, every character but letters, digits and {@code -} replaced by {@code -}, one trailing
   * {@code -} dropped (Vault's token store does exactly this).
   */
  public static String storedDisplayName(String requested) {
    String full = ("token-" + requested).replaceAll("[^a-zA-Z0-9-]", "-");
    return full.endsWith("-") ? full.substring(0, full.length() - 1) : full;
  }

  /** The {@code data} of a lookup response; {@link IllegalArgumentException} if it is not one. */
  static TokenInfo fromLookup(byte[] body) {
    Object parsed = StrictJson.parse(new String(body, StandardCharsets.UTF_8));
    if (!(parsed instanceof Map<?, ?> top) || !(top.get("data") instanceof Map<?, ?> d)) {
      throw new IllegalArgumentException("a token lookup without data");
    }
    List<String> policies = new ArrayList<>();
    if (d.get("policies") instanceof List<?> l) {
      for (Object p : l) {
        policies.add(String.valueOf(p));
      }
    }
    return new TokenInfo(
        text(d, "accessor"),
        text(d, "display_name"),
        policies,
        number(d, "ttl"),
        number(d, "period"),
        Boolean.TRUE.equals(d.get("renewable")),
        Boolean.TRUE.equals(d.get("orphan")));
  }

  private static String text(Map<?, ?> d, String key) {
    return d.get(key) instanceof String s ? s : "";
  }

  private static long number(Map<?, ?> d, String key) {
    return d.get(key) instanceof BigInteger n ? n.longValue() : 0;
  }
}
