package dev.workstation.site;

import dev.workstation.roster.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
    Units units,
    boolean unitsConfigured,
    Optional<Capacity> capacity,
    Freshen freshen,
    Optional<Metrics> metrics) {

  public static final String DEFAULT_LOCATION = "/etc/workstation/workstation.yaml";
  public static final Path DEFAULT_PATH = Path.of(DEFAULT_LOCATION);

  public SiteConfig {
    tierGroups = Map.copyOf(tierGroups);
  }

  /** The SPEC defaults, used when there is no site config (e.g. {@code roster derive}). */
  public static SiteConfig defaults() {
    return new SiteConfig(
        Optional.empty(),
        Path.of("/var/lib/workstation"),
        Path.of("/home"),
        "/bin/bash",
        defaultTierGroups(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Units.defaults(),
        false,
        Optional.empty(),
        Freshen.defaults(),
        Optional.empty());
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

  public record RosterSource(
      String url,
      String branch,
      String path,
      Optional<String> managedSettingsPath,
      Optional<Path> credentialsFile,
      List<String> admins) {}

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

  public record Units(List<String> perUser, Path envDir, Map<String, Integer> portPools) {
    public Units {
      perUser = List.copyOf(perUser);
      portPools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(portPools));
    }

    public static Units defaults() {
      Map<String, Integer> pools = new LinkedHashMap<>();
      pools.put("t3", 3773);
      return new Units(List.of(), Path.of("/etc/t3-serve"), pools);
    }
  }

  public record Capacity(
      long memoryPerUserBytes, int maxActiveUsers, long minFreeDiskBytes, boolean requireSwap) {}

  public record Freshen(int jobs, Duration timeout, Duration sessionTimeout) {
    public static Freshen defaults() {
      return new Freshen(8, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
  }

  public record Metrics(Path textfileDir) {}
}
