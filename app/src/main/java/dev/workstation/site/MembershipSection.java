package dev.workstation.site;

import static dev.workstation.site.ConfigValues.requiredPath;
import static dev.workstation.site.ConfigValues.url;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.MembershipConfig.Floor;
import dev.workstation.site.MembershipConfig.OsUserFrom;
import dev.workstation.util.Inert;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code membership:} with every problem positioned, like the other sections. */
final class MembershipSection {
  private MembershipSection() {}

  static final Set<String> KEYS =
      Set.of("source", "url", "group", "token_file", "os_user_from", "floor", "announce_url");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  static MembershipConfig read(MappingReader s) {
    s.string("source", false)
        .filter(v -> !v.value().equals("authentik"))
        .ifPresent(
            v ->
                s.problem(
                    v,
                    s.path("source"),
                    MappingReader.quote(v.value())
                        + " is not a supported identity provider; use authentik"));
    String group =
        s.string("group", true)
            .map(
                v -> {
                  if (v.value().isBlank()
                      || v.value().length() > 150
                      || Inert.hasControl(v.value())) {
                    s.problem(
                        v,
                        s.path("group"),
                        "must be the group's name: 1 to 150 characters, one line");
                  }
                  return v.value();
                })
            .orElse("");
    Floor floor =
        s.section("floor", Set.of("tier", "namespaces", "code_layout"))
            .map(MembershipSection::floor)
            .orElseGet(
                () -> {
                  s.missing("floor");
                  return new Floor(Tier.NAMESPACE_OWNER, List.of(), Optional.empty());
                });
    return new MembershipConfig(
        web(s, "url", true).orElse(""),
        group,
        requiredPath(s, "token_file"),
        osUserFrom(s),
        floor,
        web(s, "announce_url", false));
  }

  /** An http(s) URL: the IdP's API and the announcement hook are web services, not git remotes. */
  private static Optional<String> web(MappingReader s, String key, boolean required) {
    return url(s, key, required)
        .filter(
            u -> {
              if (u.startsWith("https://") || u.startsWith("http://")) {
                return true;
              }
              s.problem(s.node(key), s.path(key), "must be an https:// (or http://) URL");
              return false;
            });
  }

  private static OsUserFrom osUserFrom(MappingReader s) {
    Optional<Scalar> v = s.string("os_user_from", false);
    if (v.isEmpty()) {
      return OsUserFrom.USERNAME;
    }
    for (OsUserFrom f : OsUserFrom.values()) {
      if (f.id().equals(v.get().value())) {
        return f;
      }
    }
    s.problem(
        v.get(),
        s.path("os_user_from"),
        MappingReader.quote(v.get().value()) + " is not one of username, email-local-part");
    return OsUserFrom.USERNAME;
  }

  private static Floor floor(MappingReader f) {
    Tier tier = Tier.NAMESPACE_OWNER;
    Optional<Scalar> t = f.string("tier", true);
    if (t.isPresent()) {
      Optional<Tier> parsed = Tier.parse(t.get().value());
      if (parsed.isEmpty()) {
        f.problem(t.get(), f.path("tier"), "must be one of power-user, namespace-owner");
      } else if (parsed.get() == Tier.ADMIN) {
        f.problem(
            t.get(),
            f.path("tier"),
            "the floor cannot be admin: raising anyone above the floor is a reviewed, signed commit");
      } else {
        tier = parsed.get();
      }
    }
    List<String> namespaces = new ArrayList<>();
    List<Scalar> items = f.strings("namespaces");
    for (int i = 0; i < items.size(); i++) {
      String template = items.get(i).value();
      String sample = template.replace(Floor.OS_USER, "a");
      if (sample.length() > 63 || !DNS_LABEL.matcher(sample).matches()) {
        f.problem(
            items.get(i),
            f.path("namespaces") + "[" + i + "]",
            MappingReader.quote(template)
                + " is not a namespace name; use lowercase letters, digits, - and "
                + Floor.OS_USER);
      }
      namespaces.add(template);
    }
    if (tier == Tier.NAMESPACE_OWNER && namespaces.isEmpty()) {
      f.problem(
          f.mapping(),
          f.path("namespaces"),
          "a namespace-owner floor needs at least one namespace (e.g. [\"{os_user}\"])");
    } else if (tier != Tier.NAMESPACE_OWNER && !namespaces.isEmpty()) {
      f.problem(
          f.node("namespaces"), f.path("namespaces"), "only a namespace-owner has namespaces");
    }
    Optional<CodeLayout> layout =
        f.string("code_layout", false)
            .flatMap(
                v -> {
                  Optional<CodeLayout> l = CodeLayout.parse(v.value());
                  if (l.isEmpty()) {
                    f.problem(v, f.path("code_layout"), "must be single or workspace");
                  }
                  return l;
                });
    return new Floor(tier, namespaces, layout);
  }
}
