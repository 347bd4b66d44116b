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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    AccountName.check(file, key, path, problems);

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

    Optional<String> authentikUser = IdentityFields.authentikUser(r, authentikSeen);
    Optional<String> k8sUser = IdentityFields.identity(r, "k8s_user");

    Optional<Tier> tier = CodeFields.tier(r);

    List<String> namespaces = CodeFields.namespaces(r, tier);

    Optional<CodeLayout> layout = CodeFields.layout(r);
    List<String> repos =
        CodeFields.repos(r, layout.orElse(r.has("code_layout") ? null : CodeLayout.SINGLE));

    Optional<Boolean> parked = r.bool("parked");
    Optional<Boolean> claudeAuth = r.bool("claude_auth");
    Optional<String> gitName =
        r.string("git_name", false).map(s -> IdentityFields.text(r, s, "git_name", 200));
    Optional<String> gitEmail = IdentityFields.email(r);
    Optional<String> forgejoUser = IdentityFields.forgejoUser(r);

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
}
