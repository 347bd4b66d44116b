package dev.workstation.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Vault fake's ACL policies, written in the HCL that {@code vault policy write} takes (the
 * subset policies use: {@code path "GLOB" { capabilities = [...] }} blocks and {@code #} comments)
 * and evaluated as Vault documents it: in each policy the most specific rule that matches a path
 * decides (an exact path beats a glob; a longer prefix beats a shorter one; {@code +} matches one
 * segment, a trailing {@code *} any rest); the policies of a token add up, and a {@code deny}
 * anywhere wins. The policy {@code root} may do anything.
 */
final class VaultFakePolicies {
  private static final Pattern BLOCK =
      Pattern.compile("path\\s+\"([^\"]+)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^\\]]*)]\\s*}");
  private static final Set<String> CAPABILITIES =
      Set.of("create", "read", "update", "patch", "delete", "list", "sudo", "deny");

  record Rule(String glob, Set<String> capabilities) {}

  private final Map<String, List<Rule>> policies = new ConcurrentHashMap<>();
  private final Map<String, String> texts = new ConcurrentHashMap<>();

  /** Parses and stores {@code hcl} as {@code name}; anything outside the subset is refused. */
  void put(String name, String hcl) {
    String body = hcl.replaceAll("(?m)#.*$", "");
    Matcher m = BLOCK.matcher(body);
    List<Rule> rules = new ArrayList<>();
    int end = 0;
    while (m.find()) {
      if (!body.substring(end, m.start()).isBlank()) {
        throw new IllegalArgumentException("policy " + name + ": cannot parse before " + m.group());
      }
      Set<String> caps = new TreeSet<>();
      for (String c : m.group(2).split(",")) {
        String cap = c.strip().replaceAll("^\"|\"$", "");
        if (!CAPABILITIES.contains(cap)) {
          throw new IllegalArgumentException("policy " + name + ": unknown capability " + cap);
        }
        caps.add(cap);
      }
      rules.add(new Rule(m.group(1), caps));
      end = m.end();
    }
    if (!body.substring(end).isBlank() || rules.isEmpty()) {
      throw new IllegalArgumentException("policy " + name + ": not a policy");
    }
    policies.put(name, List.copyOf(rules));
    texts.put(name, hcl);
  }

  String text(String name) {
    return texts.get(name);
  }

  /** Whether {@code tokenPolicies} grant {@code capability} on {@code path}. */
  boolean allows(Collection<String> tokenPolicies, String path, String capability) {
    if (tokenPolicies.contains("root")) {
      return true;
    }
    Set<String> granted = new TreeSet<>();
    for (String name : tokenPolicies) {
      Rule best = null;
      for (Rule r : policies.getOrDefault(name, List.of())) {
        if (matches(r.glob(), path) && (best == null || moreSpecific(r.glob(), best.glob()))) {
          best = r;
        }
      }
      if (best != null) {
        if (best.capabilities().contains("deny")) {
          return false;
        }
        granted.addAll(best.capabilities());
      }
    }
    return granted.contains(capability);
  }

  static boolean matches(String glob, String path) {
    String[] g = glob.split("/", -1);
    String[] p = path.split("/", -1);
    for (int i = 0; i < g.length; i++) {
      boolean last = i == g.length - 1;
      if (last && g[i].endsWith("*")) {
        String prefix = g[i].substring(0, g[i].length() - 1);
        return i < p.length && p[i].startsWith(prefix);
      }
      if (i >= p.length || !(g[i].equals("+") || g[i].equals(p[i]))) {
        return false;
      }
    }
    return g.length == p.length;
  }

  private static boolean moreSpecific(String a, String b) {
    boolean aGlob = a.endsWith("*") || a.contains("+");
    boolean bGlob = b.endsWith("*") || b.contains("+");
    if (aGlob != bGlob) {
      return !aGlob;
    }
    return a.replace("*", "").length() > b.replace("*", "").length();
  }
}
