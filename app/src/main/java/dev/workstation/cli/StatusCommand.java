package dev.workstation.cli;

import dev.workstation.account.LinuxAccounts;
import dev.workstation.host.Capacity;
import dev.workstation.host.ProcessRunner;
import dev.workstation.plan.Action;
import dev.workstation.plan.Note;
import dev.workstation.reconcile.Reconciler;
import dev.workstation.reconcile.UserFacts;
import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workstation status}: users × facets at a glance; exit 1 when something is unhealthy. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Per user: account, layout, each clone (fresh / behind n / dirty / diverged, last fetch), pending",
      "changes (links, kubeconfig, units …) and warnings; then capacity. Exit 1 when something is unhealthy."
    })
final class StatusCommand extends Subcommand implements Callable<Integer> {
  @Option(names = "--user", paramLabel = "U")
  String user;

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    Reconciler.Result plan =
        new Reconciler(site, root().config, new LinuxAccounts(new ProcessRunner()))
            .run(
                new Reconciler.Options(Optional.empty(), Optional.ofNullable(user), false, false),
                r -> {});
    Map<String, Object> users = new LinkedHashMap<>();
    boolean unhealthy = !plan.plan().isEmpty() || plan.source().blocking();
    for (AccountSpec a : plan.accounts()) {
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("tier", a.tier().id());
      u.put("layout", a.codeLayout().id());
      u.put("parked", a.parked());
      String account = UserFacts.account(a.osUser());
      u.put("account", account);
      unhealthy |= !account.equals("ok");
      Map<String, Object> clones = UserFacts.clones(a.osUser(), site.limits().userTimeout());
      u.put("clones", clones);
      unhealthy |=
          clones.values().stream()
              .anyMatch(c -> String.valueOf(((Map<?, ?>) c).get("state")).startsWith("diverged"));
      List<String> pending = new ArrayList<>();
      for (Action act : plan.plan().actions()) {
        if (act.user().equals(a.osUser())) {
          pending.add(act.describe());
        }
      }
      u.put("pending", pending);
      List<String> notes = new ArrayList<>();
      for (Note n : plan.notes()) {
        if (n.user().equals(a.osUser())) {
          notes.add(n.message());
        }
      }
      u.put("notes", notes);
      users.put(a.osUser(), u);
    }
    Map<String, Object> capacity = new LinkedHashMap<>();
    Capacity c = Capacity.measure(site.homeRoot());
    capacity.put("memory_bytes", c.memTotal());
    capacity.put("swap_bytes", c.swapTotal());
    capacity.put("free_disk_bytes", c.freeDisk());
    long active = plan.accounts().stream().filter(a -> !a.parked()).count();
    capacity.put("active_users", active);
    List<String> violations =
        site.capacity().map(cap -> c.violations(cap, (int) active)).orElse(List.of());
    capacity.put("violations", violations);
    unhealthy |= !violations.isEmpty();
    if (json()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("roster", plan.rosterOrigin());
      out.put("healthy", !unhealthy);
      out.put("source", RunOutput.source(plan.source()));
      out.put("users", users);
      out.put("capacity", capacity);
      jsonOut().print(Json.write(out));
    } else {
      table(plan, users, capacity, violations);
    }
    return unhealthy ? ExitCodes.FAILED : ExitCodes.OK;
  }

  @SuppressWarnings("unchecked")
  private void table(
      Reconciler.Result plan,
      Map<String, Object> users,
      Map<String, Object> capacity,
      List<String> violations) {
    var out = out();
    out.println("roster: " + plan.rosterOrigin() + "   (" + LocalDate.now() + ")");
    plan.notes().stream()
        .filter(n -> n.user().equals("-") && n.level() == Note.Level.WARNING)
        .forEach(n -> out.println(RunOutput.noteLine(n)));
    out.printf(
        "%-14s %-16s %-9s %-10s %-8s %s%n",
        "USER", "TIER", "ACCOUNT", "LAYOUT", "PENDING", "CLONES");
    users.forEach(
        (name, v) -> {
          Map<String, Object> u = (Map<String, Object>) v;
          StringBuilder clones = new StringBuilder();
          ((Map<String, Object>) u.get("clones"))
              .forEach(
                  (repo, c) ->
                      clones
                          .append(clones.length() > 0 ? "  " : "")
                          .append(repo)
                          .append(": ")
                          .append(((Map<String, Object>) c).get("state")));
          out.printf(
              "%-14s %-16s %-9s %-10s %-8s %s%n",
              name,
              u.get("tier") + (Boolean.TRUE.equals(u.get("parked")) ? " (parked)" : ""),
              u.get("account"),
              u.get("layout"),
              ((List<?>) u.get("pending")).size(),
              clones.length() == 0 ? "-" : clones);
          ((List<String>) u.get("pending")).forEach(p -> out.println("    pending: " + p));
          ((List<String>) u.get("notes")).forEach(n -> out.println("    note: " + n));
        });
    out.printf(
        "capacity: %d active users; memory %.1f GiB, swap %.1f GiB, free disk %.1f GiB%n",
        (Long) capacity.get("active_users"),
        gib(capacity.get("memory_bytes")),
        gib(capacity.get("swap_bytes")),
        gib(capacity.get("free_disk_bytes")));
    violations.forEach(v -> out.println("  over capacity: " + v));
  }

  private static double gib(Object bytes) {
    return ((Number) bytes).doubleValue() / (1L << 30);
  }
}
