package dev.workstation.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A new roster row as one line of flow YAML, each value plain when unambiguous, else quoted. */
final class RowYaml {
  private RowYaml() {}

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@+-]*");
  private static final Pattern SPECIAL =
      Pattern.compile("(?i)null|true|false|yes|no|on|off|y|n|~|[-+]?[0-9].*|\\.inf|\\.nan");

  static String render(RosterEdits.NewRow row) {
    StringBuilder b = new StringBuilder(scalar(row.osUser())).append(": {");
    b.append("authentik_user: ").append(scalar(row.authentikUser()));
    b.append(", k8s_user: ").append(scalar(row.k8sUser()));
    b.append(", tier: ").append(row.tier().id());
    if (!row.namespaces().isEmpty()) {
      b.append(", namespaces: ").append(list(row.namespaces()));
    }
    row.layout().ifPresent(l -> b.append(", code_layout: ").append(l.id()));
    if (!row.repos().isEmpty()) {
      b.append(", repos: ").append(list(row.repos()));
    }
    if (row.parked()) {
      b.append(", parked: true");
    }
    row.gitName().ifPresent(v -> b.append(", git_name: ").append(scalar(v)));
    row.gitEmail().ifPresent(v -> b.append(", git_email: ").append(scalar(v)));
    row.forgejoUser().ifPresent(v -> b.append(", forgejo_user: ").append(scalar(v)));
    return b.append('}').toString();
  }

  private static String list(List<String> items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(scalar(i)));
    return "[" + String.join(", ", out) + "]";
  }

  /** A value as YAML: plain when unambiguous, else double-quoted with JSON escapes. */
  static String scalar(String v) {
    if (PLAIN.matcher(v).matches() && !SPECIAL.matcher(v).matches()) {
      return v;
    }
    return dev.workstation.util.Json.quote(v);
  }
}
