package dev.workstation.roster;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A user's namespaces and repos, each checked against the tier or layout it depends on. */
final class CodeFields {
  private CodeFields() {}

  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  static final int MAX_REPO_NAME = 100;

  static List<String> namespaces(MappingReader r, Optional<Tier> tier) {
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
  static List<String> repos(MappingReader r, CodeLayout layout) {
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

  static Optional<Tier> tier(MappingReader r) {
    return r.string("tier", true)
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
  }

  static Optional<CodeLayout> layout(MappingReader r) {
    return r.string("code_layout", false)
        .flatMap(
            s -> {
              Optional<CodeLayout> l = CodeLayout.parse(s.value());
              if (l.isEmpty()) {
                r.problem(
                    s,
                    r.path("code_layout"),
                    MappingReader.quote(s.value()) + " is not a layout; use single or workspace");
              }
              return l;
            });
  }
}
