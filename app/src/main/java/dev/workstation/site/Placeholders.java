package dev.workstation.site;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.MappingReader;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of the shipped example ({@code workstation.example.yaml}, the package's conffile) that
 * name this site's own hosts and files. While one still holds the example's value, nothing may act
 * on the config: a run would fetch, clone from or log in to a host that is not this site's. SPEC
 * §10: the untouched example refuses to act and says what to fill in.
 *
 * <p>The placeholder values are read from the example embedded in the jar, so the check follows the
 * example when it changes; a key the example no longer has is simply not checked.
 */
public final class Placeholders {
  static final String EXAMPLE = "/dev/workstation/examples/workstation.example.yaml";

  /** Each site-specific key and what to put there. */
  static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("roster.url", "the git URL (or local path) of the repository that holds roster.yaml");
    KEYS.put("infra.clone_url", "the public URL of your infra monorepo, or remove infra:");
    KEYS.put("infra.push_url", "your forge's URL of the infra monorepo, or remove the key");
    KEYS.put("repos.base_url", "your forge's URL that roster repos clone from, or remove repos:");
    KEYS.put("config_base.dir", "the admin's Claude config directory, or remove config_base:");
    KEYS.put("kube.server", "your cluster's API server URL, or remove kube:");
    KEYS.put(
        "kube.certificate_authority_data",
        "your cluster's CA (base64), or admin_kubeconfig: a kubeconfig to read it from");
    KEYS.put("kube.oidc_issuer", "your OpenID provider's issuer URL, or remove kube:");
    KEYS.put("vault.address", "your Vault's URL, or remove vault:");
    KEYS.put("membership.url", "your identity provider's URL, or remove membership:");
    KEYS.put("membership.announce_url", "your chat's incoming-webhook URL, or remove the key");
  }

  private Placeholders() {}

  /** Refuses (invalid input, exit 3) a config that still holds one of the example's values. */
  public static void refuse(Path config) {
    List<Problem> found = find(config);
    if (!found.isEmpty()) {
      throw new InvalidInputException(found);
    }
  }

  /** Every site-specific key of {@code config} that still holds the example's placeholder. */
  public static List<Problem> find(Path config) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(config);
    } catch (IOException e) {
      return List.of(); // the config's own reader reports an unreadable file
    }
    return find(config.toString(), bytes, example());
  }

  static List<Problem> find(String file, byte[] config, byte[] example) {
    YamlNode mine = YamlLoader.load(file, config).root();
    YamlNode theirs = YamlLoader.load("example", example).root();
    List<Problem> out = new ArrayList<>();
    for (Map.Entry<String, String> key : KEYS.entrySet()) {
      Optional<YamlNode> value = at(mine, key.getKey());
      Optional<YamlNode> placeholder = at(theirs, key.getKey());
      if (value.isEmpty() || placeholder.isEmpty()) {
        continue;
      }
      String shown = text(value.get());
      if (!shown.equals(text(placeholder.get())) || existingDir(key.getKey(), shown)) {
        continue;
      }
      out.add(
          new Problem(
              file,
              value.get().line(),
              value.get().column(),
              key.getKey(),
              "still the example's placeholder "
                  + MappingReader.quote(shown)
                  + "; fill in "
                  + key.getValue()));
    }
    return out;
  }

  /** A directory the example names that exists here is this site's (e.g. an admin called so). */
  private static boolean existingDir(String key, String value) {
    return key.equals("config_base.dir") && Files.isDirectory(Path.of(value));
  }

  private static Optional<YamlNode> at(YamlNode root, String dotted) {
    YamlNode n = root;
    for (String part : dotted.split("\\.")) {
      if (!(n instanceof YamlNode.Mapping m)) {
        return Optional.empty();
      }
      n = m.get(part);
    }
    return Optional.ofNullable(n);
  }

  /** A scalar's value, or a list's values joined: what is compared with the example. */
  private static String text(YamlNode n) {
    if (n instanceof YamlNode.Scalar s) {
      return s.value();
    }
    if (n instanceof YamlNode.Sequence seq) {
      List<String> items = new ArrayList<>();
      seq.items().forEach(i -> items.add(text(i)));
      return String.join(", ", items);
    }
    return n.describe();
  }

  static byte[] example() {
    try (InputStream in = Placeholders.class.getResourceAsStream(EXAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("the embedded example " + EXAMPLE + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
