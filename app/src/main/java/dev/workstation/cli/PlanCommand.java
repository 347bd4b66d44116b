package dev.workstation.cli;

import dev.workstation.reconcile.Reconciler;
import dev.workstation.site.SiteConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code workstation plan}: what reconcile would do; changes nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what reconcile would do, one line per action. Changes nothing.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:nothing to do",
      "1:error",
      "2:changes pending",
      "3:invalid roster or config"
    })
final class PlanCommand extends Subcommand implements Callable<Integer> {

  @Mixin RunScope scope;

  @Option(
      names = "--diff",
      description =
          "Under each file write, the unified diff of what is there and what would be written"
              + " (secrets shown as <redacted>).")
  boolean diff;

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    Reconciler.Result r =
        new Reconciler(site, root().config, root().ports())
            .run(new Reconciler.Options(scope.roster(), scope.user(), false, false), rep -> {});
    return RunOutput.plan(this, r, diff ? RunOutput.diff(r) : RunOutput.Detail.NONE);
  }
}
