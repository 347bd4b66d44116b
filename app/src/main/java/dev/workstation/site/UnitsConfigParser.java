package dev.workstation.site;

import dev.workstation.input.MappingReader;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.util.Inert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code units:} section: per-user templates, env dir, port pools (short and long form) and
 * env_strip, each problem positioned like every other site-config error.
 */
final class UnitsConfigParser {
  static final Set<String> KEYS = Set.of("per_user", "env_dir", "port_pools", "env_strip");
  private static final Set<String> POOL_KEYS = Set.of("base", "file", "key");
  private static final Pattern POOL_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // a file name in env_dir: no separators, no leading dot, no shell or systemd specials
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*");

  private final MappingReader s;
  private final List<Problem> problems;

  private UnitsConfigParser(MappingReader s, List<Problem> problems) {
    this.s = s;
    this.problems = problems;
  }

  static UnitSettings read(MappingReader s, List<Problem> problems) {
    return new UnitsConfigParser(s, problems).units();
  }

  private UnitSettings units() {
    UnitSettings d = UnitSettings.defaults();
    YamlNode poolsNode = s.node("port_pools");
    Map<String, PortPool> pools = pools(poolsNode);
    List<String> strip = strip(pools);
    return new UnitSettings(
        perUser(),
        ConfigValues.absPath(s, "env_dir").orElse(d.envDir()),
        poolsNode instanceof YamlNode.Mapping ? pools : d.portPools(),
        strip);
  }

  private List<UnitTemplate> perUser() {
    List<UnitTemplate> out = new ArrayList<>();
    for (Scalar u : s.strings("per_user")) {
      Optional<UnitTemplate> t = UnitTemplate.parse(u.value());
      if (t.isEmpty()) {
        s.problem(
            u,
            s.path("per_user"),
            "'"
                + Inert.text(u.value())
                + "' is not a per-user unit: use NAME@ (the service NAME@<user>.service) or"
                + " NAME@.timer (the timer NAME@<user>.timer)");
      } else if (t.get().prefix().equals("workstation-claude-auth@")) {
        s.problem(
            u,
            s.path("per_user"),
            "'"
                + Inert.text(u.value())
                + "' is workstation's own unit: the claude_auth: section and each user's"
                + " claude_auth flag turn it on and off (SPEC 6.12); remove it from per_user");
      } else if (out.contains(t.get())) {
        s.problem(u, s.path("per_user"), "'" + Inert.text(u.value()) + "' is listed twice");
      } else {
        out.add(t.get());
      }
    }
    return out;
  }

  private Map<String, PortPool> pools(YamlNode node) {
    Map<String, PortPool> pools = new LinkedHashMap<>();
    if (node == null) {
      return pools;
    }
    if (!(node instanceof YamlNode.Mapping m)) {
      s.problem(node, s.path("port_pools"), "must be a mapping of pool name to pool");
      return pools;
    }
    Map<Integer, String> bases = new HashMap<>();
    Map<String, String> slots = new HashMap<>();
    // pool names are data, not fields: read the mapping directly instead of as a section
    for (Entry e : m.entries()) {
      String name = e.key().value();
      String path = s.path("port_pools") + "." + name;
      if (!POOL_NAME.matcher(name).matches()) {
        s.problem(e.key(), path, "pool names are lowercase letters, digits and _");
      }
      Optional<PortPool> pool = pool(name, path, e.value());
      if (pool.isEmpty()) {
        continue;
      }
      PortPool p = pool.get();
      String sameBase = bases.putIfAbsent(p.base(), name);
      String slot = p.file() + " " + p.key();
      String sameSlot = slots.putIfAbsent(slot, name);
      if (sameBase != null) {
        s.problem(
            e.value(),
            path,
            "base "
                + p.base()
                + " is also pool "
                + sameBase
                + "'s: pools hand out ports upward from their base, so each needs its own");
      } else if (sameSlot != null) {
        s.problem(
            e.value(),
            path,
            "pool "
                + sameSlot
                + " already keeps "
                + p.key()
                + " in "
                + p.file()
                + ": give this pool its own file or key");
      } else {
        pools.put(name, p);
      }
    }
    return pools;
  }

  private Optional<PortPool> pool(String name, String path, YamlNode value) {
    if (value instanceof Scalar v && v.type() == YamlNode.ScalarType.INT) {
      return base(v, path).map(b -> PortPool.shortForm(name, b));
    }
    if (!(value instanceof YamlNode.Mapping pm)) {
      s.problem(
          value,
          path,
          "must be a base port (e.g. 3773) or {base: PORT, file: \"NAME-{user}.env\", key: NAME_PORT}");
      return Optional.empty();
    }
    MappingReader r = new MappingReader(s.file(), path, pm, POOL_KEYS, problems);
    YamlNode baseNode = r.node("base");
    Optional<Integer> base = Optional.empty();
    if (baseNode == null) {
      r.missing("base");
    } else if (baseNode instanceof Scalar b && b.type() == YamlNode.ScalarType.INT) {
      base = base(b, r.path("base"));
    } else {
      r.problem(baseNode, r.path("base"), "must be a base port between 1024 and 65000");
    }
    PortPool d = PortPool.shortForm(name, 0);
    String file = r.string("file", false).map(f -> fileName(r, f)).orElse(d.file());
    String key = r.string("key", false).map(k -> envName(r, "key", k)).orElse(d.key());
    return base.map(b -> new PortPool(name, b, file, key));
  }

  private Optional<Integer> base(Scalar v, String path) {
    if (v.value().matches("[0-9]{1,5}")
        && Integer.parseInt(v.value()) >= 1024
        && Integer.parseInt(v.value()) <= 65000) {
      return Optional.of(Integer.parseInt(v.value()));
    }
    s.problem(v, path, "must be a base port between 1024 and 65000");
    return Optional.empty();
  }

  private String fileName(MappingReader r, Scalar f) {
    String v = f.value();
    int at = v.indexOf(PortPool.USER);
    String shown = "'" + Inert.text(v) + "'";
    if (at < 0 || v.indexOf(PortPool.USER, at + 1) >= 0) {
      r.problem(
          f, r.path("file"), shown + " must contain {user} once (e.g. \"playwright-{user}.env\")");
    } else if (!FILE_NAME.matcher(v.replace(PortPool.USER, "u")).matches()) {
      r.problem(
          f,
          r.path("file"),
          shown + " must be a file name in units.env_dir, not a path (letters, digits, . _ @ + -)");
    } else if (!v.endsWith(".env")) {
      r.problem(f, r.path("file"), shown + " must end in .env");
    }
    return v;
  }

  private String envName(MappingReader r, String key, Scalar k) {
    if (!ENV_NAME.matcher(k.value()).matches()) {
      r.problem(
          k,
          r.path(key),
          "'"
              + Inert.text(k.value())
              + "' is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
    }
    return k.value();
  }

  private List<String> strip(Map<String, PortPool> pools) {
    Set<String> poolKeys = new HashSet<>();
    for (PortPool p : pools.values()) {
      poolKeys.add(p.key());
    }
    if (pools.isEmpty() && s.node("port_pools") == null) {
      for (PortPool p : UnitSettings.defaults().portPools().values()) {
        poolKeys.add(p.key());
      }
    }
    List<String> out = new ArrayList<>();
    for (Scalar k : s.strings("env_strip")) {
      envName(s, "env_strip", k);
      if (poolKeys.contains(k.value())) {
        s.problem(
            k,
            s.path("env_strip"),
            Inert.text(k.value())
                + " is a port pool's key: stripping it would drop the sticky port");
      } else if (out.contains(k.value())) {
        s.problem(k, s.path("env_strip"), Inert.text(k.value()) + " is listed twice");
      } else {
        out.add(k.value());
      }
    }
    return out;
  }
}
