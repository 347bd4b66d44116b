package dev.workstation.git;

/**
 * OpenSSH pattern lists (ssh_config(5), PATTERNS): comma-separated patterns with {@code *} and
 * {@code ?}; a pattern starting with {@code !} negates. A name matches the list when it matches
 * some pattern and no negated one — as the principals and {@code namespaces=} of an allowed-signers
 * line are matched.
 */
final class SshPatterns {
  private SshPatterns() {}

  static boolean matchesList(String name, String list) {
    boolean matched = false;
    for (String p : list.split(",", -1)) {
      boolean negated = p.startsWith("!");
      String pattern = negated ? p.substring(1) : p;
      if (matches(name, 0, pattern, 0)) {
        if (negated) {
          return false;
        }
        matched = true;
      }
    }
    return matched;
  }

  /** {@code *} any run, {@code ?} one character, anything else itself; iterative backtracking. */
  static boolean matches(String s, int si, String p, int pi) {
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
        si++;
        pi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
