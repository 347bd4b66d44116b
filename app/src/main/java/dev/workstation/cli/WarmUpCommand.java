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
    // a root `workstation freshen` answered by the session service: its reading and printing
    FreshenViaService.print(
        "{\"reports\":[{\"user\":\"u\",\"repo\":\"code\",\"outcome\":\"up-to-date\",\"ms\":1}]}",
        false,
        new java.io.PrintWriter(java.io.Writer.nullWriter()));
    return ExitCodes.OK;
  }
}
