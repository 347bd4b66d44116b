package dev.workstation.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code workstation warm-up}: run once under {@code -XX:ArchiveClassesAtExit} to build the CDS
 * archive.
 */
@Command(
    name = "warm-up",
    hidden = true,
    description = "Exercise the common code paths (for the class-data-sharing archive).")
final class WarmUpCommand extends Subcommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    dev.workstation.asuser.WorkerOps.run(
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir")),
        new dev.workstation.worker.WorkerRequest.WarmUp());
    return ExitCodes.OK;
  }
}
