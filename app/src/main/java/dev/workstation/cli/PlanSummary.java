package dev.workstation.cli;

import dev.workstation.plan.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan at a glance, as terraform's "N to add, M to change, K to destroy": how many actions create
 * something (an account, a clone), how many change what is there, how many cut a user, and the
 * count of each kind of action.
 *
 * @param byKind actions per kind ({@code write-file}, {@code clone-repo}, …), sorted by kind
 */
record PlanSummary(int create, int change, int cut, Map<String, Integer> byKind) {

  static PlanSummary of(List<Action> actions) {
    int create = 0;
    int cut = 0;
    Map<String, Integer> byKind = new TreeMap<>();
    for (Action a : actions) {
      byKind.merge(a.kind(), 1, Integer::sum);
      switch (a.kind()) {
        case "create-account", "clone-infra", "clone-repo" -> create++;
        case "cut-user" -> cut++;
        default -> {}
      }
    }
    return new PlanSummary(create, actions.size() - create - cut, cut, byKind);
  }

  /** {@code Plan: 2 to create, 3 to change, 1 to cut (clone-repo 2, cut-user 1, write-file 3).} */
  String line() {
    StringBuilder kinds = new StringBuilder();
    byKind.forEach((k, n) -> kinds.append(kinds.length() > 0 ? ", " : "").append(k + " " + n));
    return "Plan: "
        + create
        + " to create, "
        + change
        + " to change, "
        + cut
        + " to cut ("
        + kinds
        + ").";
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("create", create);
    m.put("change", change);
    m.put("cut", cut);
    m.put("by_kind", new LinkedHashMap<String, Object>(byKind));
    return m;
  }
}
