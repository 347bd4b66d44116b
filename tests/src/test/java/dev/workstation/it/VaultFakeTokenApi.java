package dev.workstation.it;

import static dev.workstation.it.VaultFake.envelope;
import static dev.workstation.it.VaultFake.errors;
import static dev.workstation.it.VaultFake.send;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's {@code auth/token/*} endpoints, as Vault's token auth method documents them (and as
 * its token store decides who may do what): creating a periodic or orphan token needs root or
 * {@code sudo} on the create path; without it the new token's policies must be a subset of the
 * caller's. Every call also needs its path's capability ({@code read} for {@code lookup-self},
 * {@code update} for the rest), so a scoped token without one is refused.
 */
final class VaultFakeTokenApi {
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(s|m|h)?");

  private final VaultFakeTokens tokens;
  private final VaultFakePolicies policies;

  VaultFakeTokenApi(VaultFakeTokens tokens, VaultFakePolicies policies) {
    this.tokens = tokens;
    this.policies = policies;
  }

  void handle(HttpExchange ex, String path, VaultFakeTokens.Entry caller, Map<?, ?> body)
      throws IOException {
    String op = path.substring("auth/token/".length());
    String capability = op.equals("lookup-self") ? "read" : "update";
    if (!policies.allows(caller.policies, path, capability)
        && !(capability.equals("update") && policies.allows(caller.policies, path, "create"))) {
      send(ex, 403, errors("permission denied"));
      return;
    }
    switch (op) {
      case "create", "create-orphan" -> create(ex, path, caller, body, op.equals("create-orphan"));
      case "lookup-self" -> send(ex, 200, envelope(tokens.lookup(caller, true)));
      case "renew-self" -> renew(ex, caller);
      case "lookup-accessor" -> {
        Optional<VaultFakeTokens.Entry> e = tokens.byAccessor(text(body, "accessor"));
        if (e.isEmpty()) {
          send(ex, 400, errors("invalid accessor"));
        } else {
          send(ex, 200, envelope(tokens.lookup(e.get(), false)));
        }
      }
      case "revoke-accessor" -> {
        Optional<VaultFakeTokens.Entry> e = tokens.byAccessor(text(body, "accessor"));
        if (e.isEmpty()) {
          send(ex, 400, errors("invalid accessor"));
        } else {
          tokens.revoke(e.get());
          send(ex, 204, null);
        }
      }
      default -> send(ex, 404, errors("unsupported path"));
    }
  }

  private void create(
      HttpExchange ex, String path, VaultFakeTokens.Entry caller, Map<?, ?> body, boolean orphan)
      throws IOException {
    boolean sudo = policies.allows(caller.policies, path, "sudo");
    List<String> wanted = new ArrayList<>();
    if (body.get("policies") instanceof List<?> l) {
      l.forEach(p -> wanted.add(String.valueOf(p).toLowerCase(java.util.Locale.ROOT)));
    }
    boolean noDefault = Boolean.TRUE.equals(body.get("no_default_policy"));
    boolean noParent = Boolean.TRUE.equals(body.get("no_parent"));
    Duration period = duration(body.get("period"));
    if (wanted.isEmpty()) {
      wanted.addAll(caller.policies);
    } else if (!sudo && !caller.policies.containsAll(without(wanted, "default"))) {
      send(ex, 400, errors("child policies must be subset of parent"));
      return;
    }
    if (wanted.contains("root") && !caller.policies.contains("root")) {
      send(ex, 400, errors("root tokens may not be created without parent token being root"));
      return;
    }
    if (noParent && !sudo) {
      send(ex, 400, errors("root or sudo privileges required to create orphan token"));
      return;
    }
    if (!period.isZero() && !sudo) {
      send(ex, 400, errors("root or sudo privileges required to create periodic token"));
      return;
    }
    if (!noDefault && !wanted.contains("default")) {
      wanted.add("default");
    }
    if (noDefault) {
      wanted.remove("default");
    }
    VaultFakeTokens.Entry e =
        tokens.create(
            text(body, "display_name"),
            wanted,
            period,
            duration(body.get("ttl")),
            !Boolean.FALSE.equals(body.get("renewable")),
            orphan || noParent ? null : caller.id);
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("client_token", e.id);
    auth.put("accessor", e.accessor);
    auth.put("policies", e.policies);
    auth.put("token_policies", e.policies);
    auth.put("metadata", null);
    auth.put("lease_duration", e.ttl.toSeconds());
    auth.put("renewable", e.renewable);
    auth.put("entity_id", "");
    auth.put("token_type", "service");
    auth.put("orphan", e.orphan());
    Map<String, Object> out = envelope(null);
    out.put("auth", auth);
    send(ex, 200, out);
  }

  private void renew(HttpExchange ex, VaultFakeTokens.Entry caller) throws IOException {
    if (!caller.renewable || caller.expires == null) {
      send(ex, 400, errors("lease is not renewable"));
      return;
    }
    caller.expires = tokens.now().plus(caller.period.isZero() ? caller.ttl : caller.period);
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("client_token", caller.id);
    auth.put("accessor", caller.accessor);
    auth.put("policies", caller.policies);
    auth.put("lease_duration", (caller.period.isZero() ? caller.ttl : caller.period).toSeconds());
    auth.put("renewable", true);
    Map<String, Object> out = envelope(null);
    out.put("auth", auth);
    send(ex, 200, out);
  }

  private static List<String> without(List<String> list, String item) {
    List<String> out = new ArrayList<>(list);
    out.remove(item);
    return out;
  }

  private static String text(Map<?, ?> body, String key) {
    return body.get(key) instanceof String s ? s : "";
  }

  /**
   * Vault's duration forms: seconds as a number or {@code "N"}, or {@code Ns}, {@code Nm}, {@code
   * Nh}.
   */
  private static Duration duration(Object v) {
    if (v == null) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(String.valueOf(v));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + v);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
