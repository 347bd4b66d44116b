package dev.workstation.membership;

import java.util.Locale;

/**
 * A new member's account name, derived from an IdP name as the original provisioner did: the part
 * before any {@code @}, lowercased, every character outside {@code [a-z0-9_-]} folded to {@code _},
 * a letter first ({@code u} put in front otherwise), at most 32 characters — what {@code useradd}
 * accepts. Two identities can fold to one name ({@code a.b} and {@code a_b}): the sync reports that
 * rather than guess.
 */
final class OsNames {
  private OsNames() {}

  static final int MAX = 32;

  static String of(String source) {
    String local = localPart(source).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    local
        .codePoints()
        .forEach(
            c ->
                b.append(
                    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                        ? (char) c
                        : '_'));
    String name = b.toString();
    if (name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      name = "u" + name;
    }
    return name.length() > MAX ? name.substring(0, MAX) : name;
  }

  /** The part of {@code name} before its first {@code @} (all of it when there is none). */
  static String localPart(String name) {
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }
}
