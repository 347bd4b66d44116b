package dev.workstation.site;

import static dev.workstation.site.ConfigValues.duration;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.site.SiteConfig.ClaudeAuth;
import dev.workstation.site.SiteConfig.ClaudeAuthCheck;
import dev.workstation.util.Inert;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The site config's {@code claude_auth:} section (SPEC §3, §6.12): where each user's Claude
 * credential is backed up in Vault, the one policy their scoped token carries, how long a period
 * that token has, and how the job decides a credential works. Every key has the SPEC's default;
 * each template must name {@code {os_user}}, so no two users share a path or a policy.
 */
final class ClaudeAuthSection {
  static final Set<String> KEYS = Set.of("path", "policy", "token_period", "check");

  /** A KV path: plain segments, no wildcards, no {@code ..}, room for {@code {os_user}}. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._{}-]+(/[A-Za-z0-9._{}-]+)*");

  /** A Vault policy name (Vault keeps them lower case). */
  private static final Pattern POLICY = Pattern.compile("[a-z0-9._{}-]+");

  /** The job renews the token every 6 h: a shorter period would let it lapse between two runs. */
  static final Duration MIN_PERIOD = Duration.ofHours(12);

  private ClaudeAuthSection() {}

  /**
   * {@code mount}: the KV mount of {@code vault.user_secrets}, or Vault's default {@code secret}.
   */
  static ClaudeAuth read(MappingReader s, String mount) {
    ClaudeAuth d = ClaudeAuth.defaults(mount);
    return new ClaudeAuth(
        mount,
        template(s, "path", PATH, "a KV path like workstation/claude-users/{os_user}")
            .orElse(d.pathTemplate()),
        template(s, "policy", POLICY, "a Vault policy name like workstation-claude-{os_user}")
            .orElse(d.policyTemplate()),
        duration(s, "token_period").filter(p -> longEnough(s, p)).orElse(d.tokenPeriod()),
        check(s).orElse(d.check()));
  }

  private static Optional<String> template(
      MappingReader s, String key, Pattern shape, String like) {
    return s.string(key, false)
        .filter(
            v -> {
              String t = v.value();
              String problem = null;
              if (!shape.matcher(t).matches() || t.contains("..")) {
                problem = "is not " + like;
              } else if (t.split("\\{os_user}", -1).length != 2) {
                problem = "must name {os_user} exactly once, so each user has their own";
              } else if (t.replace("{os_user}", "").matches(".*[{}].*")) {
                problem = "may hold no placeholder but {os_user}";
              }
              if (problem != null) {
                s.problem(v, s.path(key), "'" + Inert.text(t) + "' " + problem);
              }
              return problem == null;
            })
        .map(Scalar::value);
  }

  private static boolean longEnough(MappingReader s, Duration period) {
    if (period.compareTo(MIN_PERIOD) < 0) {
      s.problem(
          s.node("token_period"),
          s.path("token_period"),
          "must be at least 12h: the job renews the token every 6 hours");
      return false;
    }
    return true;
  }

  private static Optional<ClaudeAuthCheck> check(MappingReader s) {
    return s.string("check", false)
        .flatMap(
            v -> {
              switch (v.value()) {
                case "inference":
                  return Optional.of(ClaudeAuthCheck.INFERENCE);
                case "none":
                  return Optional.of(ClaudeAuthCheck.NONE);
                default:
                  s.problem(
                      v,
                      s.path("check"),
                      "'"
                          + Inert.text(v.value())
                          + "' is not a check; use inference (a one-word request to Claude) or"
                          + " none (the credential's shape only)");
                  return Optional.empty();
              }
            });
  }
}
