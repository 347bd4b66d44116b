package dev.workstation.reconcile;

import dev.workstation.account.Accounts;
import dev.workstation.account.LinuxAccounts;
import dev.workstation.host.ProcessRunner;
import dev.workstation.units.SystemdUnits;
import dev.workstation.units.Units;
import dev.workstation.util.Checkpoints;
import dev.workstation.worker.UserWorker;
import java.util.List;

/**
 * What the engine drives on this host, chosen once where the program starts: the account tools,
 * systemd, the command a worker runs as its user, and who hears a run pass its steps. The binary
 * uses {@link #host()}. Tests start the CLI with their own — systemd driven offline under a scratch
 * root, a checkpoint that halts the process like {@code kill -9} — through this constructor; the
 * shipped binary reads no environment variable for them.
 *
 * @param worker the command that starts a worker JVM as the user (after the confinement)
 */
public record Ports(Accounts accounts, Units units, List<String> worker, Checkpoints checkpoints) {
  public Ports {
    worker = List.copyOf(worker);
  }

  /** This host: shadow-utils, the running systemd, the product's own worker, no checkpoints. */
  public static Ports host() {
    return new Ports(
        new LinuxAccounts(new ProcessRunner()),
        new SystemdUnits(new ProcessRunner(), null),
        UserWorker.javaCommand(),
        Checkpoints.NONE);
  }
}
