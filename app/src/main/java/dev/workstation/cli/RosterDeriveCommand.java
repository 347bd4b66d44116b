package dev.workstation.cli;

import dev.workstation.derive.Deriver;
import dev.workstation.derive.PortFiles;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.plan.RootFile;
import dev.workstation.plan.SurfacePlanner;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workstation roster derive FILE [--ports-from DIR] --json}: the desired state. */
@Command(
    name = "derive",
    mixinStandardHelpOptions = true,
    description = {
      "Show the desired state a roster derives to: accounts, sticky ports, generated maps.",
      "Pure: reads only FILE, the site config and --ports-from."
    })
final class RosterDeriveCommand extends Subcommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description =
          "The roster (default: the committed roster of the site config's roster: source).")
  Path file;

  @Option(
      names = "--ports-from",
      paramLabel = "DIR",
      description =
          "Read sticky ports from DIR: each pool's own file and key (units.port_pools; the"
              + " short form is DIR/<os_user>.env with <POOL>_PORT=<n>).")
  Path portsFrom;

  @Override
  public Integer call() throws IOException {
    RosterSource.Input in = RosterSource.read(this, file);
    Roster roster = RosterParser.parse(in.name(), in.bytes());
    SiteConfig site = root().siteConfigOrDefaults(root().configGiven());
    Map<String, Map<String, Integer>> existing = Map.of();
    if (portsFrom != null) {
      if (!java.nio.file.Files.isDirectory(portsFrom)) {
        throw new InvalidInputException(
            Problem.whole(portsFrom.toString(), "--ports-from", "not a directory"));
      }
      existing =
          PortFiles.read(portsFrom, roster.users().keySet(), site.units().portPools().values());
    }
    DesiredState state = Deriver.derive(roster, site, existing);
    if (json()) {
      jsonOut().print(Json.write(toJson(state)));
    } else {
      printTable(state, site);
    }
    return ExitCodes.OK;
  }

  /** The {@code roster derive --json} contract (scripts and later features read it). */
  static Map<String, Object> toJson(DesiredState state) {
    Map<String, Object> accounts = new LinkedHashMap<>();
    for (AccountSpec a : state.accounts().values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tier", a.tier().id());
      m.put("shell", a.shell());
      m.put("login_locked", a.loginLocked());
      m.put("groups", a.groups());
      m.put("code_layout", a.codeLayout().id());
      m.put("repos", a.repos());
      m.put("namespaces", a.namespaces());
      m.put("parked", a.parked());
      m.put("claude_auth", a.claudeAuth());
      m.put("authentik_user", a.authentikUser());
      m.put("k8s_user", a.k8sUser());
      accounts.put(a.osUser(), m);
    }
    Map<String, Object> dispatch = new LinkedHashMap<>();
    state
        .dispatch()
        .forEach(
            (authentik, d) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("os_user", d.osUser());
              m.put("port", d.port());
              dispatch.put(authentik, m);
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accounts", accounts);
    out.put("ports", state.ports());
    out.put("ttyd_user_map", state.ttydUserMap());
    out.put("ttyd_admins", state.ttydAdmins());
    out.put("dispatch", dispatch);
    return out;
  }

  private void printTable(DesiredState state, SiteConfig site) {
    var out = out();
    out.printf(
        "%-20s %-16s %-10s %-6s %-8s %s%n", "USER", "TIER", "LAYOUT", "PARKED", "PORTS", "GROUPS");
    for (AccountSpec a : state.accounts().values()) {
      StringBuilder ports = new StringBuilder();
      state
          .ports()
          .forEach(
              (pool, byUser) -> {
                if (byUser.containsKey(a.osUser())) {
                  ports.append(ports.length() > 0 ? "," : "").append(byUser.get(a.osUser()));
                }
              });
      out.printf(
          "%-20s %-16s %-10s %-6s %-8s %s%n",
          a.osUser(),
          a.tier().id(),
          a.codeLayout().id(),
          a.parked() ? "yes" : "no",
          ports,
          String.join(",", a.groups()));
    }
    // the generated files as their facet declares them: what a whole-roster reconcile writes,
    // line by line (one print of the whole file would have its line ends escaped)
    out.println();
    for (RootFile f : SurfacePlanner.generated(state, site, true)) {
      if (f.content() instanceof RootFile.Entries e) {
        out.println(f.path() + ":");
        e.text().lines().forEach(out::println);
      }
    }
  }
}
