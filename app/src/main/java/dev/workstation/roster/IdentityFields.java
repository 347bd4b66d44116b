package dev.workstation.roster;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode.Scalar;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A user's identities and git author fields: the values that key external systems' lines. */
final class IdentityFields {
  private IdentityFields() {}

  private static final Pattern FORGEJO_USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * It keys {@code <authentik_user>=<os_user>} lines: a leading '#' or an '=' would corrupt them.
   */
  private static final Pattern AUTHENTIK_USER = Pattern.compile("[A-Za-z0-9._@+-]+");

  private static final Pattern EMAIL = Pattern.compile("[^\\s@<>]+@[^\\s@<>]+");

  /** authentik_user / k8s_user: required, non-empty, ≤ 253, no whitespace or control chars. */
  static Optional<String> identity(MappingReader r, String field) {
    return r.string(field, true)
        .flatMap(
            s -> {
              String v = s.value();
              if (v.isEmpty()) {
                r.problem(s, r.path(field), "must not be empty");
                return Optional.empty();
              }
              if (v.length() > 253) {
                r.problem(s, r.path(field), "is longer than 253 characters");
                return Optional.empty();
              }
              if (v.codePoints()
                  .anyMatch(
                      c ->
                          Character.isWhitespace(c)
                              || Character.isISOControl(c)
                              || Character.isSpaceChar(c)
                              || c == 0xFEFF)) {
                r.problem(s, r.path(field), "must not contain whitespace or control characters");
                return Optional.empty();
              }
              return Optional.of(v);
            });
  }

  static String text(MappingReader r, Scalar s, String field, int max) {
    String v = s.value();
    if (v.length() > max || v.codePoints().anyMatch(Character::isISOControl)) {
      r.problem(
          s,
          r.path(field),
          "must be one line of at most " + max + " characters without control characters");
    }
    return v;
  }

  /** A unique SSO identity that may key {@code <authentik_user>=<os_user>} lines. */
  static Optional<String> authentikUser(MappingReader r, Map<String, Scalar> authentikSeen) {
    Optional<String> authentikUser =
        identity(r, "authentik_user")
            .filter(
                a -> {
                  if (AUTHENTIK_USER.matcher(a).matches()) {
                    return true;
                  }
                  r.problem(
                      r.node("authentik_user"),
                      r.path("authentik_user"),
                      MappingReader.quote(a)
                          + " may use only letters, digits and . _ @ + - (it keys the"
                          + " <authentik_user>=<os_user> lines of /etc/ttyd-user-map)");
                  return false;
                });
    authentikUser.ifPresent(
        a -> {
          Scalar node = (Scalar) r.node("authentik_user");
          Scalar first = authentikSeen.putIfAbsent(a, node);
          if (first != null) {
            r.problem(
                node,
                r.path("authentik_user"),
                MappingReader.quote(a)
                    + " is already used by another user (line "
                    + first.line()
                    + "); each person has their own SSO identity");
          }
        });
    return authentikUser;
  }

  static Optional<String> email(MappingReader r) {
    return r.string("git_email", false)
        .map(
            s -> {
              if (!EMAIL.matcher(s.value()).matches()) {
                r.problem(
                    s,
                    r.path("git_email"),
                    MappingReader.quote(s.value()) + " is not an email address");
              }
              return s.value();
            });
  }

  static Optional<String> forgejoUser(MappingReader r) {
    return r.string("forgejo_user", false)
        .map(
            s -> {
              if (!FORGEJO_USER.matcher(s.value()).matches() || s.value().length() > 64) {
                r.problem(
                    s,
                    r.path("forgejo_user"),
                    MappingReader.quote(s.value())
                        + " is not a Forgejo user name (letters, digits, . _ -)");
              }
              return s.value();
            });
  }
}
