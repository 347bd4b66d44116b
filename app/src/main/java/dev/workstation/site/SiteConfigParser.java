package dev.workstation.site;

import static dev.workstation.site.ConfigValues.absPath;
import static dev.workstation.site.ConfigValues.requiredPath;
import static dev.workstation.site.ConfigValues.url;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.MappingReader;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.site.SiteConfig.Launcher;
import dev.workstation.site.SiteConfig.ManagedSettings;
import dev.workstation.site.SiteConfig.Metrics;
import dev.workstation.site.SiteConfig.Repos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the site config with the same error quality as the roster: every problem, positioned. */
public final class SiteConfigParser {

  private static final Set<String> TOP =
      Set.of(
          "roster",
          "state_dir",
          "home_root",
          "default_shell",
          "tier_groups",
          "infra",
          "repos",
          "config_base",
          "managed_settings",
          "launcher",
          "kube",
          "vault",
          "claude_auth",
          "units",
          "capacity",
          "freshen",
          "metrics",
          "limits",
          "membership");

  /**
   * The kubelogin grant types ({@code --grant-type}) a person on the shared devvm can use, the
   * default first: the box has no browser, and a flow that binds a localhost port there ({@code
   * auto}, {@code authcode}) binds it on a machine others share.
   */
  public static final List<String> GRANT_TYPES =
      List.of("authcode-keyboard", "device-code", "authcode", "password", "auto");

  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  private SiteConfigParser(String file) {
    this.file = file;
  }

  /**
   * Loads {@code path}; a missing file is an error naming it (callers decide when it's optional).
   */
  public static SiteConfig load(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          Problem.whole(
              path.toString(),
              "",
              "site config not found (pass --config FILE, or create it from workstation.example.yaml)"));
    } catch (IOException e) {
      throw new InvalidInputException(
          Problem.whole(path.toString(), "", "cannot read site config: " + e.getMessage()));
    }
    return parse(path.toString(), bytes);
  }

  public static SiteConfig parse(String file, byte[] bytes) {
    SiteConfigParser p = new SiteConfigParser(file);
    SiteConfig config = p.read(bytes);
    if (!p.problems.isEmpty()) {
      throw new InvalidInputException(p.problems);
    }
    return config;
  }

  private SiteConfig read(byte[] bytes) {
    YamlLoader.Result loaded = YamlLoader.load(file, bytes);
    problems.addAll(loaded.problems());
    if (loaded.root() == null && !loaded.ok()) {
      return null;
    }
    SiteConfig d = SiteConfig.defaults();
    Optional<YamlNode.Mapping> top = MappingReader.asMapping(file, "", loaded.root(), problems);
    if (top.isEmpty()) {
      return d;
    }
    MappingReader r = new MappingReader(file, "", top.get(), TOP, problems);
    Optional<UnitSettings> units =
        r.section("units", UnitsConfigParser.KEYS).map(u -> UnitsConfigParser.read(u, problems));
    Optional<SiteConfig.Vault> vault =
        r.section("vault", Set.of("address", "token_file", "approle", "k8s_users", "user_secrets"))
            .map(AccessSections::vault);
    return new SiteConfig(
        r.section("roster", AccessSections.ROSTER_KEYS).map(AccessSections::roster),
        absPath(r, "state_dir").orElse(d.stateDir()),
        absPath(r, "home_root").orElse(d.homeRoot()),
        absPath(r, "default_shell").map(Path::toString).orElse(d.defaultShell()),
        HostSections.tierGroups(r),
        r.section(
                "infra",
                Set.of("clone_url", "clone_credentials", "push_remote", "push_url", "branch"))
            .map(AccessSections::infra),
        r.section("repos", Set.of("base_url"))
            .map(s -> new Repos(url(s, "base_url", true).orElse(""))),
        r.section("config_base", Set.of("dir", "kinds", "strategy")).map(HostSections::configBase),
        r.section("managed_settings", Set.of("dest"))
            .map(
                s ->
                    new ManagedSettings(
                        absPath(s, "dest")
                            .orElse(Path.of("/etc/claude-code/managed-settings.json")))),
        r.section("launcher", Set.of("source")).map(s -> new Launcher(requiredPath(s, "source"))),
        r.section("kube", AccessSections.KUBE_KEYS).map(AccessSections::kube),
        vault,
        claudeAuth(r, vault),
        units.orElse(d.units()),
        units.isPresent(),
        r.section(
                "capacity",
                Set.of("memory_per_user", "max_active_users", "min_free_disk", "require_swap"))
            .map(HostSections::capacity),
        r.section("freshen", Set.of("jobs", "timeout", "session_timeout"))
            .map(HostSections::freshen)
            .orElse(d.freshen()),
        r.section("metrics", Set.of("textfile_dir"))
            .map(s -> new Metrics(requiredPath(s, "textfile_dir"))),
        r.section("limits", Set.of("user_timeout", "jobs"))
            .map(HostSections::limits)
            .orElse(d.limits()),
        membership(r));
  }

  /** {@code membership:} commits to the roster repository, so it needs {@code roster:}. */
  private Optional<MembershipConfig> membership(MappingReader r) {
    Optional<MembershipConfig> m =
        r.section("membership", MembershipSection.KEYS).map(MembershipSection::read);
    if (m.isPresent() && !r.has("roster")) {
      r.problem(
          r.node("membership"),
          "membership",
          "needs a roster: section (the sync commits its rows to that repository)");
    }
    return m;
  }

  /** {@code claude_auth:}, which lives in Vault: without {@code vault:} it is a problem. */
  private static Optional<SiteConfig.ClaudeAuth> claudeAuth(
      MappingReader r, Optional<SiteConfig.Vault> vault) {
    String mount =
        vault.flatMap(SiteConfig.Vault::userSecrets).map(v -> v.mount()).orElse("secret");
    Optional<SiteConfig.ClaudeAuth> section =
        r.section("claude_auth", ClaudeAuthSection.KEYS).map(s -> ClaudeAuthSection.read(s, mount));
    if (section.isPresent() && vault.isEmpty() && r.has("claude_auth")) {
      r.problem(
          r.node("claude_auth"),
          r.path("claude_auth"),
          "needs a vault: section: each user's token and backup live in Vault");
    }
    return section;
  }
}
