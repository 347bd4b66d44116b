package dev.workstation.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code workstation generate-manpage}: workstation(1) in roff, from the same picocli definitions.
 */
@Command(
    name = "generate-manpage",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Print the workstation(1) man page (roff).")
final class ManPageCommand extends Subcommand implements Callable<Integer> {
  /** What the product reads and writes where an admin looks for it (the defaults of SPEC §3). */
  static final String[][] FILES = {
    {"/etc/workstation/workstation.yaml", "The site config (--config overrides it)."},
    {
      "/etc/workstation/allowed_signers",
      "Keys whose signed commits the roster is trusted from (git's allowed-signers format;"
          + " roster.allowed_signers)."
    },
    {
      "/etc/workstation/signing_key",
      "The OpenSSH private key (0600) that signs the commits of onboard, offboard, park and"
          + " unpark (roster.signing_key)."
    },
    {"/etc/workstation/vault-token", "The Vault token (0600) of vault.token_file."},
    {
      "/etc/workstation/roster.git-credentials",
      "Credentials to fetch and push the roster repository (roster.credentials_file)."
    },
    {
      "/etc/claude-code/managed-settings.json",
      "The machine-wide Claude Code managed settings, installed from the signed roster"
          + " repository (managed_settings.dest)."
    },
    {"/etc/ttyd-user-map, /etc/ttyd-admins", "Generated login maps; do not edit."},
    {
      "/var/lib/workstation",
      "State: the applied roster, uid map, journals, cut records, archives of destroyed homes,"
          + " last-run.json (how the last run ended)."
    },
    {
      "/var/lib/prometheus/node-exporter/workstation.prom",
      "Metrics of the last run, in the node_exporter textfile collector's directory"
          + " (metrics.textfile_dir)."
    },
    {
      "/run/workstation/reconcile.lock", "Held by the one reconcile (or lifecycle command) at work."
    },
    {
      "/usr/share/doc/workstation",
      "Runbooks, examples, the Grafana dashboard and the Prometheus alert rules."
    },
  };

  /** What an admin types most, with what it is for. */
  static final String[][] EXAMPLES = {
    {"What the next run would change, with each file's diff:", "workstation plan --diff"},
    {"Converge now (the timer does this hourly):", "sudo workstation reconcile"},
    {
      "Add a person (an audited, signed commit, then their reconcile):",
      "sudo workstation onboard emo --tier power-user --authentik-user emil.barzin"
          + " --k8s-user emo --reason \"joins the team\""
    },
    {
      "Park a user, and bring them back:",
      "sudo workstation park emo --reason \"on leave\"\nsudo workstation unpark emo"
    },
    {
      "Offboard (the reversible cut), then archive and delete once sure:",
      "sudo workstation offboard emo --reason \"left\"\n"
          + "sudo workstation offboard emo --destroy --yes"
    },
    {"What is wrong, for a script:", "workstation --json status | jq .problems"},
    {"Lint a roster before committing it:", "workstation roster validate roster.yaml"},
  };

  @Override
  public Integer call() {
    CommandSpec top = spec.root();
    StringBuilder m = new StringBuilder();
    m.append(".TH WORKSTATION 1 \"")
        .append(LocalDate.of(2026, 1, 1))
        .append("\" \"workstation ")
        .append(version(top))
        .append("\" \"System Administration\"\n");
    m.append(".SH NAME\nworkstation \\- ")
        .append(esc(top.usageMessage().description()[0]))
        .append('\n');
    m.append(
        ".SH SYNOPSIS\n.B workstation\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n");
    m.append(".SH GLOBAL OPTIONS\n");
    options(m, top);
    m.append(".SH COMMANDS\n");
    commands(m, top.commandLine(), "");
    m.append(
        ".SH EXIT STATUS\n0 ok; 1 error or partial failure; 2 changes pending (plan); 3 invalid input, nothing changed;"
            + " 4 another reconcile holds the lock.\n");
    m.append(".SH FILES\n");
    for (String[] f : FILES) {
      m.append(".TP\n.I ").append(esc(f[0])).append('\n').append(esc(f[1])).append('\n');
    }
    m.append(".SH EXAMPLES\n");
    for (String[] e : EXAMPLES) {
      m.append(".PP\n")
          .append(esc(e[0]))
          .append("\n.PP\n.RS\n.nf\n")
          .append(esc(e[1]))
          .append("\n.fi\n.RE\n");
    }
    m.append(".SH SEE ALSO\n.BR systemd.timer (5),\n.BR useradd (8),\n.BR git (1)\n");
    // roff, from our own annotations only: written raw (the escaping writer would turn its line
    // ends into "\n" and the whole page into one line)
    spec.commandLine().getOut().print(m);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private void commands(StringBuilder m, CommandLine cli, String prefix) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      if (s.usageMessage().hidden() || s.name().equals("generate-completion")) {
        continue;
      }
      StringBuilder synopsis = new StringBuilder(prefix + s.name());
      for (PositionalParamSpec p : s.positionalParameters()) {
        synopsis.append(' ').append(p.paramLabel());
      }
      m.append(".SS \"").append(esc(synopsis.toString())).append("\"\n");
      for (String line : s.usageMessage().description()) {
        m.append(esc(line)).append('\n');
      }
      options(m, s);
      commands(m, sub, prefix + s.name() + " ");
    }
  }

  private static void options(StringBuilder m, CommandSpec s) {
    for (OptionSpec o : s.options()) {
      if (o.hidden() || o.usageHelp() || o.versionHelp() || (s.parent() != null && o.inherited())) {
        continue;
      }
      m.append(".TP\n\\fB").append(esc(String.join(", ", o.names()))).append("\\fR");
      if (o.arity().max() > 0) {
        m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
      }
      m.append('\n')
          .append(
              esc(
                  String.join(" ", o.description())
                      .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
          .append('\n');
    }
  }

  private static String version(CommandSpec top) {
    String[] v = top.version().length > 0 ? top.version() : new String[] {"workstation"};
    try {
      v = top.versionProvider() != null ? top.versionProvider().getVersion() : v;
    } catch (Exception e) {
      // keep the default
    }
    return v[0].replace("workstation ", "");
  }

  private static String esc(String s) {
    String t = s.replace("\\", "\\\\").replace("-", "\\-");
    return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
  }
}
