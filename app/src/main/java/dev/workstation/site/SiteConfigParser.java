package dev.workstation.site;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.MappingReader;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig.AppRole;
import dev.workstation.site.SiteConfig.Capacity;
import dev.workstation.site.SiteConfig.ConfigBase;
import dev.workstation.site.SiteConfig.Freshen;
import dev.workstation.site.SiteConfig.Infra;
import dev.workstation.site.SiteConfig.Kube;
import dev.workstation.site.SiteConfig.Launcher;
import dev.workstation.site.SiteConfig.LinkStrategy;
import dev.workstation.site.SiteConfig.ManagedSettings;
import dev.workstation.site.SiteConfig.Metrics;
import dev.workstation.site.SiteConfig.Repos;
import dev.workstation.site.SiteConfig.RosterSource;
import dev.workstation.site.SiteConfig.Units;
import dev.workstation.site.SiteConfig.Vault;
import dev.workstation.site.SiteConfig.VaultSecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
          "units",
          "capacity",
          "freshen",
          "metrics",
          "limits");
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)([KMGT]?)i?B?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

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
    Optional<Units> units =
        r.section("units", UnitsConfigParser.KEYS).map(u -> UnitsConfigParser.read(u, problems));
    return new SiteConfig(
        r.section(
                "roster",
                Set.of(
                    "url",
                    "branch",
                    "path",
                    "managed_settings_path",
                    "credentials_file",
                    "allowed_signers",
                    "signing_key",
                    "max_cuts",
                    "admins"))
            .map(this::roster),
        absPath(r, "state_dir").orElse(d.stateDir()),
        absPath(r, "home_root").orElse(d.homeRoot()),
        absPath(r, "default_shell").map(Path::toString).orElse(d.defaultShell()),
        tierGroups(r),
        r.section(
                "infra",
                Set.of("clone_url", "clone_credentials", "push_remote", "push_url", "branch"))
            .map(this::infra),
        r.section("repos", Set.of("base_url"))
            .map(s -> new Repos(url(s, "base_url", true).orElse(""))),
        r.section("config_base", Set.of("dir", "kinds", "strategy")).map(this::configBase),
        r.section("managed_settings", Set.of("dest"))
            .map(
                s ->
                    new ManagedSettings(
                        absPath(s, "dest")
                            .orElse(Path.of("/etc/claude-code/managed-settings.json")))),
        r.section("launcher", Set.of("source")).map(s -> new Launcher(requiredPath(s, "source"))),
        r.section(
                "kube",
                Set.of(
                    "cluster",
                    "server",
                    "certificate_authority_data",
                    "admin_kubeconfig",
                    "oidc_issuer",
                    "oidc_client_id",
                    "extra_scopes",
                    "grant_type"))
            .map(this::kube),
        r.section("vault", Set.of("address", "token_file", "approle", "k8s_users", "user_secrets"))
            .map(this::vault),
        units.orElse(d.units()),
        units.isPresent(),
        r.section(
                "capacity",
                Set.of("memory_per_user", "max_active_users", "min_free_disk", "require_swap"))
            .map(this::capacity),
        r.section("freshen", Set.of("jobs", "timeout", "session_timeout"))
            .map(this::freshen)
            .orElse(d.freshen()),
        r.section("metrics", Set.of("textfile_dir"))
            .map(s -> new Metrics(requiredPath(s, "textfile_dir"))),
        r.section("limits", Set.of("user_timeout", "jobs")).map(this::limits).orElse(d.limits()));
  }

  private RosterSource roster(MappingReader s) {
    s.strings("admins"); // still type-checked; ignored with a deprecation warning at run time
    return new RosterSource(
        url(s, "url", true).orElse(""),
        name(s, "branch").orElse("master"),
        relPath(s, "path").orElse("roster.yaml"),
        relPath(s, "managed_settings_path"),
        absPath(s, "credentials_file"),
        absPath(s, "allowed_signers"),
        absPath(s, "signing_key"),
        (int)
            s.integer("max_cuts")
                .filter(n -> atLeastZero(s, "max_cuts", n))
                .orElse((long) RosterSource.DEFAULT_MAX_CUTS)
                .longValue(),
        s.has("admins"));
  }

  private boolean atLeastZero(MappingReader s, String key, long n) {
    if (n < 0 || n > 100_000) {
      s.problem(s.node(key), s.path(key), "must be a whole number from 0 to 100000");
      return false;
    }
    return true;
  }

  private Map<Tier, List<String>> tierGroups(MappingReader r) {
    Map<Tier, List<String>> groups = new EnumMap<>(SiteConfig.defaultTierGroups());
    Optional<MappingReader> section =
        r.section("tier_groups", Set.of("admin", "power-user", "namespace-owner"));
    section.ifPresent(
        s -> {
          for (Entry e : s.mapping().entries()) {
            Tier.parse(e.key().value())
                .ifPresent(
                    t ->
                        groups.put(
                            t,
                            s.strings(e.key().value()).stream()
                                .map(
                                    g -> {
                                      if (!NAME.matcher(g.value()).matches()) {
                                        s.problem(
                                            g,
                                            s.path(e.key().value()),
                                            "'" + g.value() + "' is not a group name");
                                      }
                                      return g.value();
                                    })
                                .toList()));
          }
        });
    return groups;
  }

  private Infra infra(MappingReader s) {
    SiteConfig.CloneCredentials credentials =
        s.string("clone_credentials", false)
            .map(
                v ->
                    switch (v.value()) {
                      case "none" -> SiteConfig.CloneCredentials.NONE;
                      case "user" -> SiteConfig.CloneCredentials.USER;
                      default -> {
                        s.problem(
                            v,
                            s.path("clone_credentials"),
                            "'"
                                + dev.workstation.util.Inert.text(v.value())
                                + "' is not a credentials mode; use none (anonymous) or user (the"
                                + " user's own token)");
                        yield SiteConfig.CloneCredentials.NONE;
                      }
                    })
            .orElse(SiteConfig.CloneCredentials.NONE);
    return new Infra(
        url(s, "clone_url", true).orElse(""),
        credentials,
        name(s, "push_remote").orElse("forgejo"),
        url(s, "push_url", false),
        name(s, "branch").orElse("master"));
  }

  private ConfigBase configBase(MappingReader s) {
    List<String> kinds =
        s.has("kinds")
            ? s.strings("kinds").stream()
                .map(
                    k -> {
                      if (!NAME.matcher(k.value()).matches()) {
                        s.problem(
                            k,
                            s.path("kinds"),
                            "'" + k.value() + "' is not a plain entry name under ~/.claude");
                      } else if (dev.workstation.config.ConfigLinks.PROTECTED.contains(k.value())) {
                        s.problem(
                            k,
                            s.path("kinds"),
                            "'" + k.value() + "' is per-user state; it is never shared or touched");
                      }
                      return k.value();
                    })
                .toList()
            : List.of("skills", "rules", "agents", "commands", "hooks", "CLAUDE.md");
    LinkStrategy strategy =
        s.string("strategy", false)
            .map(
                v ->
                    switch (v.value()) {
                      case "entries" -> LinkStrategy.ENTRIES;
                      case "directory" -> LinkStrategy.DIRECTORY;
                      default -> {
                        s.problem(
                            v,
                            s.path("strategy"),
                            "'" + v.value() + "' is not a strategy; use entries or directory");
                        yield LinkStrategy.ENTRIES;
                      }
                    })
            .orElse(LinkStrategy.ENTRIES);
    return new ConfigBase(requiredPath(s, "dir"), kinds, strategy);
  }

  private Kube kube(MappingReader s) {
    Optional<String> ca = s.string("certificate_authority_data", false).map(Scalar::value);
    Optional<Path> adminKubeconfig = absPath(s, "admin_kubeconfig");
    if (ca.isEmpty() && adminKubeconfig.isEmpty()) {
      s.problem(
          s.mapping(),
          s.path("certificate_authority_data"),
          "set certificate_authority_data or admin_kubeconfig (where to read the cluster CA from)");
    }
    return new Kube(
        name(s, "cluster").orElse("homelab"),
        url(s, "server", true).orElse(""),
        ca,
        adminKubeconfig,
        url(s, "oidc_issuer", true).orElse(""),
        s.string("oidc_client_id", true).map(Scalar::value).orElse(""),
        s.strings("extra_scopes").stream().map(Scalar::value).toList(),
        s.string("grant_type", false)
            .map(
                g -> {
                  if (!GRANT_TYPES.contains(g.value())) {
                    s.problem(
                        g,
                        s.path("grant_type"),
                        MappingReader.quote(g.value())
                            + " is not a kubelogin grant type; use one of "
                            + String.join(", ", GRANT_TYPES));
                  }
                  return g.value();
                })
            .orElse(GRANT_TYPES.get(0)));
  }

  private Vault vault(MappingReader s) {
    Optional<Path> token = absPath(s, "token_file");
    Optional<AppRole> approle =
        s.section("approle", Set.of("role_id_file", "secret_id_file"))
            .map(
                a ->
                    new AppRole(
                        requiredPath(a, "role_id_file"), requiredPath(a, "secret_id_file")));
    if (token.isEmpty() && approle.isEmpty()) {
      s.problem(
          s.mapping(), s.path("token_file"), "set token_file or approle (how to log in to Vault)");
    }
    Function<MappingReader, VaultSecretRef> ref =
        r ->
            new VaultSecretRef(
                r.string("mount", true).map(Scalar::value).orElse(""),
                r.string("path", true).map(Scalar::value).orElse(""),
                r.string("field", true).map(Scalar::value).orElse(""));
    Set<String> refKeys = Set.of("mount", "path", "field");
    return new Vault(
        url(s, "address", true).orElse(""),
        token,
        approle,
        s.section("k8s_users", refKeys).map(ref),
        s.section("user_secrets", refKeys).map(ref));
  }

  private Capacity capacity(MappingReader s) {
    return new Capacity(
        size(s, "memory_per_user").orElse(4L << 30),
        (int)
            s.integer("max_active_users")
                .filter(n -> positive(s, "max_active_users", n))
                .orElse(6L)
                .longValue(),
        size(s, "min_free_disk").orElse(10L << 30),
        s.bool("require_swap").orElse(true));
  }

  private Freshen freshen(MappingReader s) {
    Freshen d = Freshen.defaults();
    return new Freshen(
        (int)
            s.integer("jobs")
                .filter(n -> positive(s, "jobs", n) && n <= 256)
                .orElse((long) d.jobs())
                .longValue(),
        duration(s, "timeout").orElse(d.timeout()),
        duration(s, "session_timeout").orElse(d.sessionTimeout()));
  }

  private SiteConfig.Limits limits(MappingReader s) {
    SiteConfig.Limits d = SiteConfig.Limits.defaults();
    return new SiteConfig.Limits(
        duration(s, "user_timeout").orElse(d.userTimeout()),
        (int)
            s.integer("jobs")
                .filter(n -> positive(s, "jobs", n) && atMost(s, "jobs", n, 64))
                .orElse((long) d.jobs())
                .longValue());
  }

  private boolean atMost(MappingReader s, String key, long n, long max) {
    if (n > max) {
      s.problem(s.node(key), s.path(key), "must be at most " + max);
      return false;
    }
    return true;
  }

  private boolean positive(MappingReader s, String key, long n) {
    if (n < 1) {
      s.problem(s.node(key), s.path(key), "must be at least 1");
      return false;
    }
    return true;
  }

  private Optional<Duration> duration(MappingReader s, String key) {
    if (s.node(key) instanceof Scalar bare
        && (bare.type() == YamlNode.ScalarType.INT || bare.type() == YamlNode.ScalarType.FLOAT)) {
      // a bare number has no unit, and quoting it would not give it one
      s.problem(
          bare,
          s.path(key),
          "'"
              + bare.value()
              + "' has no unit; write it like "
              + bare.value().replaceAll("\\..*", "")
              + "s (or 500ms, 5m, 1h)");
      return Optional.empty();
    }
    return s.string(key, false)
        .flatMap(
            v -> {
              Matcher m = DURATION.matcher(v.value());
              if (!m.matches()) {
                s.problem(
                    v,
                    s.path(key),
                    "'" + v.value() + "' is not a duration like 500ms, 30s, 5m or 1h");
                return Optional.empty();
              }
              long n = Long.parseLong(m.group(1));
              return Optional.of(
                  switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                  });
            });
  }

  private Optional<Long> size(MappingReader s, String key) {
    YamlNode n = s.node(key);
    if (n == null) {
      return Optional.empty();
    }
    Matcher m = n instanceof Scalar sc ? SIZE.matcher(sc.value()) : null;
    if (m == null || !m.matches() || m.group(1).length() > 15) {
      s.problem(n, s.path(key), "is not a size like 512M, 4G or 10G");
      return Optional.empty();
    }
    long v = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          default -> 0;
        };
    return Optional.of(v << shift);
  }

  private Optional<String> name(MappingReader s, String key) {
    return s.string(key, false)
        .map(
            v -> {
              if (!NAME.matcher(v.value()).matches()) {
                s.problem(v, s.path(key), "'" + v.value() + "' is not a plain name");
              }
              return v.value();
            });
  }

  private Optional<String> url(MappingReader s, String key, boolean required) {
    return s.string(key, required)
        .map(
            v -> {
              String u = v.value();
              if (!(u.startsWith("https://")
                      || u.startsWith("http://")
                      || u.startsWith("file://")
                      || u.startsWith("/")
                      || u.startsWith("ssh://"))
                  || u.chars().anyMatch(c -> c <= ' ')) {
                s.problem(
                    v,
                    s.path(key),
                    "'" + u + "' is not a URL (https://…, file://… or an absolute path)");
              } else if (u.matches("[a-z]+://[^/@]*:[^/@]*@.*")) {
                s.problem(
                    v,
                    s.path(key),
                    "must not carry credentials in the URL (use a credentials file)");
              }
              return u;
            });
  }

  static Optional<Path> absPath(MappingReader s, String key) {
    return s.string(key, false)
        .map(
            v -> {
              if (!v.value().startsWith("/") || v.value().contains("\0")) {
                s.problem(v, s.path(key), "'" + v.value() + "' must be an absolute path");
              }
              return Path.of(v.value().replace("\0", ""));
            });
  }

  private Path requiredPath(MappingReader s, String key) {
    if (!s.has(key)) {
      s.missing(key);
      return Path.of("/");
    }
    return absPath(s, key).orElse(Path.of("/"));
  }

  private Optional<String> relPath(MappingReader s, String key) {
    return s.string(key, false)
        .map(
            v -> {
              String p = v.value();
              if (p.isEmpty() || p.startsWith("/") || p.contains("..") || p.contains("\0")) {
                s.problem(
                    v, s.path(key), "'" + p + "' must be a path inside the roster repository");
              }
              return p;
            });
  }
}
