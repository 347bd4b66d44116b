package dev.workstation.cli;

import dev.workstation.doctor.Check;
import dev.workstation.doctor.CheckStatus;
import dev.workstation.doctor.Doctor;
import dev.workstation.doctor.DoctorReport;
import dev.workstation.util.Json;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code workstation doctor}: host prerequisites, each with a one-line remedy. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the host: tools on PATH, the site config, the state dir, the roster fetch, Vault,",
      "OIDC discovery, kubelogin, and capacity. Each failing check says how to fix it. Exit 1 if any fails."
    })
final class DoctorCommand extends Subcommand implements Callable<Integer> {

  @Override
  public Integer call() {
    DoctorReport report = new Doctor(root().config, root().ports().units()).run();
    if (json()) {
      jsonOut().print(Json.write(report.toJson()));
    } else {
      int width = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(0);
      for (Check c : report.checks()) {
        out()
            .printf(
                "%-5s %-" + width + "s  %s%n",
                c.status().name().toUpperCase(Locale.ROOT),
                c.name(),
                c.detail());
        if (c.status() != CheckStatus.OK) {
          out().println("      remedy: " + c.remedy());
        }
      }
      out().println(report.next());
    }
    return report.healthy() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
