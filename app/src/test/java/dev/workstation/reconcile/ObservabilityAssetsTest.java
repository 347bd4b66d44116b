package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.git.TrustedSource;
import dev.workstation.input.JsonReader;
import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.plan.CreateAccount;
import dev.workstation.plan.Plan;
import dev.workstation.roster.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code docs/observability/} use only
 * metric names the code writes (a renamed metric must not leave an alert that can never fire), and
 * the alerts the operator relies on are there. {@code promtool} checks the rules themselves where
 * it is installed (PromtoolIT).
 */
class ObservabilityAssetsTest {
  static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("../docs/observability");
  static final Pattern METRIC = Pattern.compile("\\bworkstation_[a-z_]+\\b");

  /** Every metric name a run writes: a run that applied and freshened, and one that stopped. */
  static Set<String> emitted() {
    Reconciler.Result r =
        new Reconciler.Result(
            "commit abc",
            new Plan(List.of(), List.of()),
            List.of(),
            List.of(
                new ActionReport(
                    new CreateAccount("emo", "/bin/bash", Path.of("/home/emo"), 20000),
                    new Outcome.Applied(),
                    5)),
            List.of(
                new FreshenReport(
                    "emo", "code", dev.workstation.git.FreshenOutcome.UP_TO_DATE, 10)),
            List.of(),
            Map.of(),
            new DesiredState(new TreeMap<>(), Map.of(), "", "", Map.of()),
            1000,
            new SourceReport(
                SourceReport.Trust.VERIFIED,
                Optional.of("abc"),
                List.of(new TrustedSource.Untrusted("abcdef", "m", List.of("r.yaml"), "unsigned")),
                Optional.empty()),
            dev.workstation.plan.ObservedFixtures.nothing());
    Map<String, Double> capacity = new LinkedHashMap<>();
    for (String k :
        List.of("memory_bytes", "swap_bytes", "free_disk_bytes", "active_users", "violations")) {
      capacity.put(k, 1.0);
    }
    RunHistory h =
        new RunHistory(
            2,
            1,
            Optional.empty(),
            1,
            "commit abc",
            Map.of("emo", new RunHistory.UserRecord(3, List.of("x"), List.of())),
            RunHistory.RECONCILE);
    Set<String> names = new TreeSet<>();
    for (String text :
        List.of(
            RunMetrics.outcome(RunMetrics.of(r, 2, capacity), h, 1).text(),
            RunMetrics.stopped(h, 2, capacity, 0).text(),
            new dev.workstation.membership.SyncRecord(2, 1, 1, List.of())
                .metrics(3, Map.of())
                .text(),
            // the users' Claude logins: root's side adds these to the run's textfile
            dev.workstation.claudeauth.ClaudeAuthMetrics.add(
                    new dev.workstation.metrics.TextfileMetrics(),
                    Map.of(
                        "emo",
                        new dev.workstation.claudeauth.ResultReading.Found(
                            dev.workstation.claudeauth.ClaudeAuthResult.of(
                                java.time.Instant.EPOCH,
                                dev.workstation.claudeauth.Outcome.BACKED_UP,
                                "ok",
                                Optional.empty()))))
                .text())) {
      Matcher m = METRIC.matcher(text);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  static Set<String> used(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void the_alert_rules_use_only_emitted_metrics_and_cover_what_an_operator_must_know()
      throws Exception {
    String yaml = Files.readString(DIR.resolve("workstation-alerts.yml"));
    YamlLoader.Result loaded = YamlLoader.load("workstation-alerts.yml", yaml.getBytes());
    assertTrue(loaded.ok(), loaded.problems().toString());
    List<String> alerts = new ArrayList<>();
    StringBuilder exprs = new StringBuilder();
    YamlNode.Sequence groups = (YamlNode.Sequence) ((YamlNode.Mapping) loaded.root()).get("groups");
    for (YamlNode g : groups.items()) {
      for (YamlNode rule : ((YamlNode.Sequence) ((YamlNode.Mapping) g).get("rules")).items()) {
        YamlNode.Mapping m = (YamlNode.Mapping) rule;
        alerts.add(((YamlNode.Scalar) m.get("alert")).value());
        exprs.append(((YamlNode.Scalar) m.get("expr")).value()).append('\n');
        assertTrue(m.get("labels") != null && m.get("annotations") != null, m.toString());
      }
    }
    assertTrue(
        alerts.containsAll(
            List.of(
                "WorkstationNoSuccessfulReconcile",
                "WorkstationRosterUntrustedChange",
                "WorkstationUserFailing",
                "WorkstationInputKeptBack",
                "WorkstationOverCapacity",
                "WorkstationMembershipSyncFailing")),
        alerts.toString());
    Set<String> unknown = used(exprs.toString());
    unknown.removeAll(emitted());
    assertEquals(Set.of(), unknown, "alert rules use metrics the code does not write");
  }

  @Test
  void the_dashboard_is_json_and_every_panel_queries_emitted_metrics() throws Exception {
    String json = Files.readString(DIR.resolve("workstation-dashboard.json"));
    Map<String, Object> dash = JsonReader.object("workstation-dashboard.json", json);
    List<?> panels = (List<?>) dash.get("panels");
    StringBuilder exprs = new StringBuilder();
    List<String> titles = new ArrayList<>();
    for (Object p : panels) {
      Map<?, ?> panel = (Map<?, ?>) p;
      titles.add(String.valueOf(panel.get("title")));
      Object targets = panel.get("targets");
      for (Object t : targets instanceof List<?> l ? l : List.of()) {
        exprs.append(((Map<?, ?>) t).get("expr")).append('\n');
      }
    }
    Set<String> queried = used(exprs.toString());
    Set<String> unknown = new TreeSet<>(queried);
    unknown.removeAll(emitted());
    assertEquals(Set.of(), unknown, "the dashboard queries metrics the code does not write");
    for (String m :
        List.of(
            "workstation_last_run_success",
            "workstation_last_run_duration_seconds",
            "workstation_user_failed_runs",
            "workstation_freshen_outcomes",
            "workstation_roster_untrusted_changes",
            "workstation_cuts_pending",
            "workstation_users_awaiting_destroy",
            "workstation_capacity_violations",
            "workstation_membership_last_success",
            "workstation_membership_changes")) {
      assertTrue(queried.contains(m), m + " has no panel: " + titles);
    }
  }

  /**
   * Grafana's file provisioning does not resolve {@code __inputs}: a dashboard exported for the
   * UI's import ({@code ${DS_PROMETHEUS}}) kept that literal as its data source uid and showed
   * nothing. Every query names the data source through a {@code datasource} variable instead, which
   * both provisioning and import resolve, and {@code __requires} says what it needs.
   */
  @Test
  void the_dashboard_imports_through_file_provisioning_with_a_data_source_variable()
      throws Exception {
    String json = Files.readString(DIR.resolve("workstation-dashboard.json"));
    assertFalse(json.contains("${DS_"), "an __inputs placeholder provisioning leaves literal");
    Map<String, Object> dash = JsonReader.object("workstation-dashboard.json", json);
    assertFalse(dash.containsKey("__inputs"), "nothing for an import to fill in");
    assertTrue(
        String.valueOf(dash.get("__requires")).contains("id=prometheus"),
        String.valueOf(dash.get("__requires")));
    List<?> variables = (List<?>) ((Map<?, ?>) dash.get("templating")).get("list");
    Map<?, ?> ds = (Map<?, ?>) variables.get(0);
    assertEquals("datasource", ds.get("name"));
    assertEquals("datasource", ds.get("type"));
    assertEquals("prometheus", ds.get("query"));
    List<Object> sources = new ArrayList<>();
    collectDataSources(dash, sources);
    assertTrue(sources.size() > 10, sources.toString());
    for (Object source : sources) {
      assertEquals("${datasource}", ((Map<?, ?>) source).get("uid"), source.toString());
    }
  }

  private static void collectDataSources(Object node, List<Object> out) {
    if (node instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (k.equals("datasource") && v instanceof Map<?, ?>) {
              out.add(v);
            } else {
              collectDataSources(v, out);
            }
          });
    } else if (node instanceof List<?> l) {
      l.forEach(x -> collectDataSources(x, out));
    }
  }
}
