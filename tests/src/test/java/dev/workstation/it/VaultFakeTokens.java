package dev.workstation.it;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Vault fake's token store, after Vault's documented token auth method: tokens with policies, a
 * display name stored as Vault stores it ({@code token-} prefixed and sanitised), an accessor, a
 * period or TTL that lapses unless renewed, and a parent (revoking a token revokes its children; an
 * orphan has none). Time is the fake's own clock, which a test may move on ({@link #elapse}).
 */
final class VaultFakeTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One token; {@code expires} null for a root token that never lapses. */
  static final class Entry {
    final String id;
    final String accessor;
    final String displayName;
    final List<String> policies;
    final Duration period;
    final Duration ttl;
    final boolean renewable;
    final String parent;
    final Instant issued;
    Instant expires;

    Entry(
        String id,
        String accessor,
        String displayName,
        List<String> policies,
        Duration period,
        Duration ttl,
        boolean renewable,
        String parent,
        Instant issued) {
      this.id = id;
      this.accessor = accessor;
      this.displayName = displayName;
      this.policies = List.copyOf(new TreeSet<>(policies));
      this.period = period;
      this.ttl = ttl;
      this.renewable = renewable;
      this.parent = parent;
      this.issued = issued;
      this.expires = ttl.isZero() ? null : issued.plus(ttl);
    }

    boolean orphan() {
      return parent == null;
    }
  }

  private final Map<String, Entry> byId = new ConcurrentHashMap<>();
  private final Map<String, Entry> revoked = new ConcurrentHashMap<>();
  private volatile Duration offset = Duration.ZERO;

  Instant now() {
    return Instant.now().plus(offset);
  }

  void elapse(Duration d) {
    offset = offset.plus(d);
  }

  /** A root token with {@code id} (the constructor's, as before the token API existed). */
  Entry root(String id) {
    Entry e =
        new Entry(
            id,
            random(),
            "root",
            List.of("root"),
            Duration.ZERO,
            Duration.ZERO,
            false,
            null,
            now());
    byId.put(id, e);
    return e;
  }

  /** Vault's own rendering of a requested display name. */
  static String displayName(String requested) {
    if (requested == null || requested.isEmpty()) {
      return "token";
    }
    String full = ("token-" + requested).replaceAll("[^a-zA-Z0-9-]", "-");
    return full.endsWith("-") ? full.substring(0, full.length() - 1) : full;
  }

  Entry create(
      String displayName,
      List<String> policies,
      Duration period,
      Duration ttl,
      boolean renewable,
      String parent) {
    Duration life = period.isZero() ? (ttl.isZero() ? Duration.ofHours(768) : ttl) : period;
    Entry e =
        new Entry(
            "hvs." + random(),
            random(),
            displayName(displayName),
            policies,
            period,
            life,
            renewable,
            parent,
            now());
    byId.put(e.id, e);
    return e;
  }

  /** The live token {@code id}; a lapsed one is revoked on the way, as Vault's expiry does. */
  Optional<Entry> live(String id) {
    Entry e = id == null ? null : byId.get(id);
    if (e != null && e.expires != null && !now().isBefore(e.expires)) {
      revoke(e);
      return Optional.empty();
    }
    return Optional.ofNullable(e);
  }

  Optional<Entry> byAccessor(String accessor) {
    for (Entry e : new ArrayList<>(byId.values())) {
      if (e.accessor.equals(accessor)) {
        return live(e.id);
      }
    }
    return Optional.empty();
  }

  /** Revokes {@code e} and every token below it. */
  void revoke(Entry e) {
    if (byId.remove(e.id) == null) {
      return;
    }
    revoked.put(e.accessor, e);
    for (Entry child : new ArrayList<>(byId.values())) {
      if (e.id.equals(child.parent)) {
        revoke(child);
      }
    }
  }

  boolean wasRevoked(String accessor) {
    return revoked.containsKey(accessor);
  }

  List<Entry> all() {
    return List.copyOf(byId.values());
  }

  /**
   * A lookup's {@code data}, as Vault answers {@code lookup-self} ({@code id} blank by accessor).
   */
  Map<String, Object> lookup(Entry e, boolean withId) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("accessor", e.accessor);
    d.put("creation_time", e.issued.getEpochSecond());
    d.put("creation_ttl", e.ttl.toSeconds());
    d.put("display_name", e.displayName);
    d.put("entity_id", "");
    d.put("expire_time", e.expires == null ? null : e.expires.toString());
    d.put("explicit_max_ttl", 0);
    d.put("id", withId ? e.id : "");
    d.put("issue_time", e.issued.toString());
    d.put("meta", null);
    d.put("num_uses", 0);
    d.put("orphan", e.orphan());
    d.put("path", e.policies.contains("root") ? "auth/token/root" : "auth/token/create");
    d.put("policies", e.policies);
    d.put("renewable", e.renewable);
    if (!e.period.isZero()) {
      d.put("period", e.period.toSeconds());
    }
    d.put(
        "ttl", e.expires == null ? 0 : Math.max(0, Duration.between(now(), e.expires).toSeconds()));
    d.put("type", "service");
    return d;
  }

  private static String random() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
