package dev.workstation.cli;

import dev.workstation.reconcile.Ports;
import dev.workstation.site.Placeholders;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code workstation}: the root command and the global options every subcommand inherits. */
@Command(
    name = "workstation",
    mixinStandardHelpOptions = true,
    versionProvider = WorkstationCommand.Version.class,
    description = "Provision the shared multi-user devvm from one git-committed roster.yaml.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 error or partial failure, 2 changes pending (plan),"
          + " 3 invalid input, 4 another reconcile holds the lock."
    })
public final class WorkstationCommand {
  /** The subcommands, in help order; {@link Main#commandLine} registers them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          RosterCommand.class,
          PlanCommand.class,
          AdoptCommand.class,
          ReconcileCommand.class,
          FreshenCommand.class,
          SessionStartCommand.class,
          SessionServiceCommand.class,
          OnboardCommand.class,
          OffboardCommand.class,
          ParkCommand.Park.class,
          ParkCommand.Unpark.class,
          MembershipCommand.class,
          StatusCommand.class,
          DoctorCommand.class,
          ClaudeAuthCommand.class,
          DemoCommand.class,
          CompletionCommand.class,
          ManPageCommand.class,
          WarmUpCommand.class);

  @Spec CommandSpec spec;

  /** What the commands drive on this host ({@link Ports#host()} in the binary). */
  private final Ports ports;

  WorkstationCommand(Ports ports) {
    this.ports = ports;
  }

  Ports ports() {
    return ports;
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Site config (default: ${DEFAULT-VALUE}).",
      defaultValue = SiteConfig.DEFAULT_LOCATION)
  Path config;

  boolean configGiven() {
    return spec.commandLine().getParseResult() != null
        && spec.commandLine().getParseResult().expandedArgs().stream()
            .anyMatch(a -> a.equals("--config") || a.startsWith("--config="));
  }

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Machine-readable output on stdout.")
  boolean json;

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error (for bug reports).")
  boolean stacktrace;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * The site config: the --config file (which must exist), else the default path if present, else
   * the SPEC defaults (for commands like {@code roster derive} that work without one). A config a
   * command must have ({@code explicit}) is refused while it still holds the shipped example's
   * placeholders: acting on it would contact hosts that are not this site's.
   */
  SiteConfig siteConfigOrDefaults(boolean explicit) {
    if (explicit) {
      SiteConfig site = SiteConfigParser.load(config);
      Placeholders.refuse(config);
      return site;
    }
    if (Files.exists(config)) {
      return SiteConfigParser.load(config);
    }
    return SiteConfig.defaults();
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in =
          WorkstationCommand.class.getResourceAsStream("/dev/workstation/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"workstation " + p.getProperty("version", "unknown")};
    }
  }
}
