package dev.workstation.roster;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.MappingReader;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import dev.workstation.input.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code roster.yaml} in one pass. Every problem is collected with its
 * position; an invalid roster never becomes a {@link Roster}.
 */
public final class RosterParser {

  static final Set<String> TOP_FIELDS = Set.of("users");
  static final Set<String> USER_FIELDS =
      new LinkedHashSet<>(
          List.of(
              "authentik_user",
              "k8s_user",
              "tier",
              "namespaces",
              "code_layout",
              "repos",
              "parked",
              "claude_auth",
              "git_name",
              "git_email",
              "forgejo_user"));

  private static final Pattern OS_USER = Pattern.compile("[a-z_][a-z0-9_-]*");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern FORGEJO_USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * It keys {@code <authentik_user>=<os_user>} lines: a leading '#' or an '=' would corrupt them.
   */
  private static final Pattern AUTHENTIK_USER = Pattern.compile("[A-Za-z0-9._@+-]+");

  private static final Pattern EMAIL = Pattern.compile("[^\\s@<>]+@[^\\s@<>]+");
  static final int MAX_REPO_NAME = 100;

  /** Accounts Debian and common packages create; a roster must never claim one. */
  static final Set<String> SYSTEM_ACCOUNTS =
      Set.of(
          "root",
          "daemon",
          "bin",
          "sys",
          "sync",
          "games",
          "man",
          "lp",
          "mail",
          "news",
          "uucp",
          "proxy",
          "www-data",
          "backup",
          "list",
          "irc",
          "gnats",
          "nobody",
          "nogroup",
          "_apt",
          "messagebus",
          "sshd",
          "syslog",
          "uuidd",
          "tcpdump",
          "avahi",
          "polkitd",
          "postfix",
          "nginx",
          "ntp",
          "dnsmasq",
          "halt",
          "shutdown",
          "operator",
          "adm",
          "sudo",
          "staff",
          "users",
          "wheel",
          "docker",
          "admin",
          "tty",
          "disk",
          "kmem",
          "dialout",
          "cdrom",
          "floppy",
          "audio",
          "video",
          "plugdev",
          "netdev",
          "shadow",
          "utmp",
          "src",
          "voice",
          "sasl",
          "input",
          "kvm",
          "render",
          "crontab",
          "lxd",
          "ftp",
          "git",
          "postgres",
          "redis",
          "mysql",
          "systemd");

  private RosterParser() {}

  /** Parses {@code bytes} (named {@code file} in messages); throws with every problem found. */
  public static Roster parse(String file, byte[] bytes) {
    List<Problem> problems = new ArrayList<>();
    Roster roster = parse(file, bytes, problems);
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      throw new InvalidInputException(problems);
    }
    return roster;
  }

  /** Parses into {@code problems}; the returned roster is meaningful only if none were added. */
  public static Roster parse(String file, byte[] bytes, List<Problem> problems) {
    YamlLoader.Result loaded = YamlLoader.load(file, bytes);
    problems.addAll(loaded.problems());
    YamlNode root = loaded.root();
    if (root == null && !loaded.ok()) {
      return Roster.empty();
    }
    Optional<Mapping> top = MappingReader.asMapping(file, "", root, problems);
    if (top.isEmpty()) {
      return Roster.empty(); // an empty file is a valid empty roster
    }
    MappingReader doc = new MappingReader(file, "", top.get(), TOP_FIELDS, problems);
    Optional<Mapping> users = MappingReader.asMapping(file, "users", doc.node("users"), problems);
    if (users.isEmpty()) {
      return Roster.empty();
    }
    TreeMap<String, UserSpec> specs = new TreeMap<>();
    Map<String, Scalar> authentik = new HashMap<>();
    for (Entry entry : users.get().entries()) {
      UserSpec spec = user(file, entry, problems, authentik);
      if (spec != null) {
        specs.put(spec.osUser(), spec);
      }
    }
    return new Roster(specs);
  }

  private static UserSpec user(
      String file, Entry entry, List<Problem> problems, Map<String, Scalar> authentikSeen) {
    Scalar key = entry.key();
    String name = key.value();
    String path = "users." + name;
    int before = problems.size();
    checkOsUser(file, key, path, problems);

    Optional<Mapping> body = MappingReader.asMapping(file, path, entry.value(), problems);
    if (body.isEmpty()) {
      if (problems.size() == before) {
        problems.add(
            new Problem(
                file, key.line(), key.column(), path, "needs authentik_user, k8s_user and tier"));
      }
      return null;
    }
    MappingReader r = new MappingReader(file, path, body.get(), USER_FIELDS, problems).strict();

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
    Optional<String> k8sUser = identity(r, "k8s_user");

    Optional<Tier> tier =
        r.string("tier", true)
            .flatMap(
                s -> {
                  Optional<Tier> t = Tier.parse(s.value());
                  if (t.isEmpty()) {
                    r.problem(
                        s,
                        r.path("tier"),
                        MappingReader.quote(s.value())
                            + " is not a tier; use one of "
                            + Tier.choices());
                  }
                  return t;
                });

    List<String> namespaces = namespaces(r, tier);

    Optional<CodeLayout> layout =
        r.string("code_layout", false)
            .flatMap(
                s -> {
                  Optional<CodeLayout> l = CodeLayout.parse(s.value());
                  if (l.isEmpty()) {
                    r.problem(
                        s,
                        r.path("code_layout"),
                        MappingReader.quote(s.value())
                            + " is not a layout; use single or workspace");
                  }
                  return l;
                });
    List<String> repos = repos(r, layout.orElse(r.has("code_layout") ? null : CodeLayout.SINGLE));

    Optional<Boolean> parked = r.bool("parked");
    Optional<Boolean> claudeAuth = r.bool("claude_auth");
    Optional<String> gitName = r.string("git_name", false).map(s -> text(r, s, "git_name", 200));
    Optional<String> gitEmail =
        r.string("git_email", false)
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
    Optional<String> forgejoUser =
        r.string("forgejo_user", false)
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

    if (problems.size() > before
        || authentikUser.isEmpty()
        || k8sUser.isEmpty()
        || tier.isEmpty()) {
      return null;
    }
    return new UserSpec(
        name,
        authentikUser.get(),
        k8sUser.get(),
        tier.get(),
        namespaces,
        layout.orElse(CodeLayout.SINGLE),
        repos,
        parked.orElse(false),
        claudeAuth.orElse(true),
        gitName,
        gitEmail,
        forgejoUser);
  }

  private static void checkOsUser(String file, Scalar key, String path, List<Problem> problems) {
    String name = key.value();
    String why = null;
    if (key.type() != YamlNode.ScalarType.STRING) {
      why = "a user name must be text, not " + key.describe();
    } else if (name.length() > 32) {
      why = "an account name is at most 32 characters";
    } else if (!OS_USER.matcher(name).matches()) {
      why =
          MappingReader.quote(name)
              + " is not a valid account name (lowercase letter or _ first, then"
              + " lowercase letters, digits, _ or -)";
    } else if (SYSTEM_ACCOUNTS.contains(name) || name.startsWith("systemd-")) {
      why = MappingReader.quote(name) + " is a system account name; pick a personal name";
    }
    if (why != null) {
      problems.add(new Problem(file, key.line(), key.column(), path, why));
    }
  }

  /** authentik_user / k8s_user: required, non-empty, ≤ 253, no whitespace or control chars. */
  private static Optional<String> identity(MappingReader r, String field) {
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

  private static List<String> namespaces(MappingReader r, Optional<Tier> tier) {
    List<Scalar> items = r.strings("namespaces");
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Scalar s = items.get(i);
      String ns = s.value();
      String at = r.path("namespaces") + "[" + i + "]";
      if (ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
        r.problem(
            s,
            at,
            MappingReader.quote(ns)
                + " is not a Kubernetes namespace name (lowercase letters, digits and -,"
                + " alphanumeric at both ends, at most 63 characters)");
      } else if (!seen.add(ns)) {
        r.problem(s, at, "namespace '" + ns + "' is listed twice");
      } else {
        out.add(ns);
      }
    }
    if (tier.isPresent()) {
      YamlNode node = r.node("namespaces");
      if (tier.get() == Tier.NAMESPACE_OWNER
          && items.isEmpty()
          && !(node instanceof YamlNode.Sequence seq && !seq.items().isEmpty())) {
        r.problem(
            node != null ? node : r.mapping(),
            r.path("namespaces"),
            "a namespace-owner needs at least one namespace");
      } else if (tier.get() != Tier.NAMESPACE_OWNER
          && node instanceof YamlNode.Sequence seq
          && !seq.items().isEmpty()) {
        r.problem(
            node,
            r.path("namespaces"),
            "only a namespace-owner has namespaces; a "
                + tier.get().id()
                + "'s access is cluster-wide (remove this field or change the tier)");
      }
    }
    return out;
  }

  /** Repos are checked against the layout; {@code layout} is null when it was itself invalid. */
  private static List<String> repos(MappingReader r, CodeLayout layout) {
    List<Scalar> items = r.strings("repos");
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Scalar s = items.get(i);
      String name = s.value();
      String at = r.path("repos") + "[" + i + "]";
      if (!REPO.matcher(name).matches() || name.length() > MAX_REPO_NAME) {
        r.problem(
            s,
            at,
            MappingReader.quote(name)
                + " is not a repo name (letters, digits, . _ - ; no path separators,"
                + " no leading dot or dash, at most "
                + MAX_REPO_NAME
                + " characters)");
      } else if (name.equals("infra")) {
        r.problem(s, at, "infra is always cloned; do not list it");
      } else if (!seen.add(name)) {
        r.problem(s, at, "repo '" + name + "' is listed twice");
      } else {
        out.add(name);
      }
    }
    YamlNode node = r.node("repos");
    if (layout == CodeLayout.SINGLE
        && node instanceof YamlNode.Sequence seq
        && !seq.items().isEmpty()) {
      r.problem(
          node,
          r.path("repos"),
          "repos need code_layout: workspace (in the single layout ~/code is the infra clone)");
    }
    return out;
  }

  private static String text(MappingReader r, Scalar s, String field, int max) {
    String v = s.value();
    if (v.length() > max || v.codePoints().anyMatch(Character::isISOControl)) {
      r.problem(
          s,
          r.path(field),
          "must be one line of at most " + max + " characters without control characters");
    }
    return v;
  }
}
