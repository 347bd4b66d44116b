package dev.workstation.site;

import dev.workstation.roster.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /etc/workstation/workstation.yaml}: every site-specific value. Each optional section is an
 * {@link Optional}; a feature whose section is absent is skipped (and {@code plan} says so).
 */
public record SiteConfig(
    Optional<RosterSource> roster,
    Path stateDir,
    Path homeRoot,
    String defaultShell,
    Map<Tier, List<String>> tierGroups,
    Optional<Infra> infra,
    Optional<Repos> repos,
    Optional<ConfigBase> configBase,
    Optional<ManagedSettings> managedSettings,
    Optional<Launcher> launcher,
    Optional<Kube> kube,
    Optional<Vault> vault,
    Optional<ClaudeAuth> claudeAuth,
    UnitSettings units,
    boolean unitsConfigured,
    Optional<CapacityCeiling> capacity,
    FreshenSettings freshen,
    Optional<Metrics> metrics,
    Limits limits,
    Optional<MembershipConfig> membership) {

  public static final String DEFAULT_LOCATION = "/etc/workstation/workstation.yaml";
  public static final Path DEFAULT_PATH = Path.of(DEFAULT_LOCATION);

  /**
   * New accounts' shell without {@code default_shell}: the original provisioner's, so a switched
   * box keeps creating the accounts it did. Where it is not installed, accounts get {@code
   * /bin/bash} with a warning ({@code AccountPlanner}).
   */
  public static final String DEFAULT_SHELL = "/bin/zsh";

  public SiteConfig {
    tierGroups = Map.copyOf(tierGroups);
  }

  /** The SPEC defaults, used when there is no site config (e.g. {@code roster derive}). */
  public static SiteConfig defaults() {
    return new SiteConfig(
        Optional.empty(),
        Path.of("/var/lib/workstation"),
        Path.of("/home"),
        DEFAULT_SHELL,
        defaultTierGroups(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        UnitSettings.defaults(),
        false,
        Optional.empty(),
        FreshenSettings.defaults(),
        Optional.empty(),
        Limits.defaults(),
        Optional.empty());
  }

  /** This config with another freshen section (e.g. {@code freshen --jobs N}). */
  public SiteConfig withFreshen(FreshenSettings f) {
    return new SiteConfig(
        roster,
        stateDir,
        homeRoot,
        defaultShell,
        tierGroups,
        infra,
        repos,
        configBase,
        managedSettings,
        launcher,
        kube,
        vault,
        claudeAuth,
        units,
        unitsConfigured,
        capacity,
        f,
        metrics,
        limits,
        membership);
  }

  static Map<Tier, List<String>> defaultTierGroups() {
    Map<Tier, List<String>> groups = new EnumMap<>(Tier.class);
    groups.put(Tier.ADMIN, List.of("code-shared", "docker", "sudo"));
    groups.put(Tier.POWER_USER, List.of());
    groups.put(Tier.NAMESPACE_OWNER, List.of());
    return groups;
  }

  public List<String> groupsFor(Tier tier) {
    return tierGroups.getOrDefault(tier, List.of());
  }

  /**
   * Where the roster comes from and how far it is trusted (SPEC §3, §8.1, §8.4).
   *
   * @param allowedSigners git's allowed-signers file; absent = unverified mode
   * @param signingKey the OpenSSH private key that signs the CLI's own roster commits
   * @param maxCuts the most users one run may cut before the change is held back
   * @param maxUnsignedCommits the most first-parent commits the trust walk reads back from the tip
   *     to the last signed change of each trusted path before it gives up (an untrusted condition)
   * @param deprecatedAdmins {@code admins:} was set: ignored now (signatures replace it), warned
   */
  public record RosterSource(
      String url,
      String branch,
      String path,
      Optional<String> managedSettingsPath,
      Optional<Path> credentialsFile,
      Optional<Path> allowedSigners,
      Optional<Path> signingKey,
      int maxCuts,
      int maxUnsignedCommits,
      boolean deprecatedAdmins) {
    public static final int DEFAULT_MAX_CUTS = 2;

    /** Above SPEC §12's 200,000 commits on top (about 2 CPU-s of walk: docs/performance.md). */
    public static final int DEFAULT_MAX_UNSIGNED_COMMITS = 250_000;

    /** The paths inside the repository whose content the daemon acts on. */
    public List<String> trustedPaths() {
      return managedSettingsPath.map(m -> List.of(path, m)).orElse(List.of(path));
    }
  }

  /**
   * The infra monorepo. {@code cloneCredentials} says whether the locked clone is made anonymously
   * (the public mirror) or with the user's own token, like a roster repo (a server that requires a
   * login to read it).
   */
  public record Infra(
      String cloneUrl,
      CloneCredentials cloneCredentials,
      String pushRemote,
      Optional<String> pushUrl,
      String branch) {}

  /** How the infra clone authenticates: {@code none} (anonymous) or {@code user}. */
  public enum CloneCredentials {
    NONE,
    USER
  }

  public record Repos(String baseUrl) {}

  public enum LinkStrategy {
    ENTRIES,
    DIRECTORY
  }

  public record ConfigBase(Path dir, List<String> kinds, LinkStrategy strategy) {}

  public record ManagedSettings(Path dest) {}

  public record Launcher(Path source) {}

  public record Kube(
      String cluster,
      String server,
      Optional<String> certificateAuthorityData,
      Optional<Path> adminKubeconfig,
      String oidcIssuer,
      String oidcClientId,
      List<String> extraScopes,
      String grantType) {}

  public record VaultSecretRef(String mount, String path, String field) {}

  public record AppRole(Path roleIdFile, Path secretIdFile) {}

  public record Vault(
      String address,
      Optional<Path> tokenFile,
      Optional<AppRole> approle,
      Optional<VaultSecretRef> k8sUsers,
      Optional<VaultSecretRef> userSecrets) {}

  /**
   * {@code claude_auth:} (SPEC §6.12): each user's Claude credential is backed up at {@link #path}
   * in the KV v2 {@link #mount}; root mints each user a periodic Vault token carrying exactly
   * {@link #policy}, named {@link #displayName}; the user's timer runs {@link #check}.
   *
   * @param pathTemplate a KV path naming {@code {os_user}} once
   * @param policyTemplate a Vault policy name naming {@code {os_user}} once
   */
  public record ClaudeAuth(
      String mount,
      String pathTemplate,
      String policyTemplate,
      Duration tokenPeriod,
      ClaudeAuthCheck check) {
    public static final String DISPLAY_NAME_PREFIX = "workstation-claude-auth-";

    /** The SPEC's values, in {@code mount}. */
    public static ClaudeAuth defaults(String mount) {
      return new ClaudeAuth(
          mount,
          "workstation/claude-users/{os_user}",
          "workstation-claude-{os_user}",
          Duration.ofHours(768),
          ClaudeAuthCheck.INFERENCE);
    }

    /** {@code user}'s KV path (inside {@link #mount}). */
    public String path(String user) {
      return pathTemplate.replace("{os_user}", user);
    }

    /** The one policy {@code user}'s token carries. */
    public String policy(String user) {
      return policyTemplate.replace("{os_user}", user);
    }

    /** The display name root asks Vault to give {@code user}'s token. */
    public String displayName(String user) {
      return DISPLAY_NAME_PREFIX + user;
    }
  }

  /**
   * How the job decides a credential works: a one-word request to Claude (the original's lesson:
   * {@code auth status} said "logged in" during a real 401), or the credential's shape only.
   */
  public enum ClaudeAuthCheck {
    INFERENCE,
    NONE
  }

  public record Metrics(Path textfileDir) {}
}
