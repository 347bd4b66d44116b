package dev.workstation.site;

import static dev.workstation.site.ConfigValues.NAME;
import static dev.workstation.site.ConfigValues.atMost;
import static dev.workstation.site.ConfigValues.duration;
import static dev.workstation.site.ConfigValues.positive;
import static dev.workstation.site.ConfigValues.requiredPath;
import static dev.workstation.site.ConfigValues.size;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig.ConfigBase;
import dev.workstation.site.SiteConfig.LinkStrategy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The site config's sections about the host itself: tier groups, the shared config base, capacity,
 * freshen and run limits.
 */
final class HostSections {
  private HostSections() {}

  static Map<Tier, List<String>> tierGroups(MappingReader r) {
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

  static ConfigBase configBase(MappingReader s) {
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

  static CapacityCeiling capacity(MappingReader s) {
    return new CapacityCeiling(
        size(s, "memory_per_user").orElse(4L << 30),
        (int)
            s.integer("max_active_users")
                .filter(n -> positive(s, "max_active_users", n))
                .orElse(6L)
                .longValue(),
        size(s, "min_free_disk").orElse(10L << 30),
        s.bool("require_swap").orElse(true));
  }

  static FreshenSettings freshen(MappingReader s) {
    FreshenSettings d = FreshenSettings.defaults();
    return new FreshenSettings(
        (int)
            s.integer("jobs")
                .filter(n -> positive(s, "jobs", n) && n <= 256)
                .orElse((long) d.jobs())
                .longValue(),
        duration(s, "timeout").orElse(d.timeout()),
        duration(s, "session_timeout").orElse(d.sessionTimeout()));
  }

  static Limits limits(MappingReader s) {
    Limits d = Limits.defaults();
    return new Limits(
        duration(s, "user_timeout").orElse(d.userTimeout()),
        (int)
            s.integer("jobs")
                .filter(n -> positive(s, "jobs", n) && atMost(s, "jobs", n, 64))
                .orElse((long) d.jobs())
                .longValue());
  }
}
