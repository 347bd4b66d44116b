package dev.workstation.it;

import dev.workstation.cli.Main;
import dev.workstation.host.ProcessRunner;
import dev.workstation.reconcile.Ports;
import dev.workstation.units.SystemdUnits;
import dev.workstation.units.Units;
import dev.workstation.util.Checkpoints;
import dev.workstation.worker.UserWorker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI as the crash tests and the tests without a running systemd start it: the product's own
 * {@link Main}, given test {@link Ports} through its constructor — nothing in the shipped binary
 * reads an environment variable for them. Options ({@link TestPorts}) come before {@code --}, the
 * CLI's arguments after:
 *
 * <ul>
 *   <li>{@code --halt-after=STEP}: halt (exit 137, like {@code kill -9}) when the run passes STEP
 *       (an action's kind, or {@code roster-commit});
 *   <li>{@code --worker-halt-after=STEP}: workers start from {@link TestWorker}, which halts at a
 *       step of the layout move ({@code migrate:moved-aside}, …); {@code --support=DIR} is where
 *       its class is, readable by the users;
 *   <li>{@code --systemctl-root=DIR}: systemd driven offline, {@code systemctl --root=DIR}.
 * </ul>
 */
public final class TestWorkstation {
  private TestWorkstation() {}

  public static void main(String[] args) {
    Map<String, String> opts = new HashMap<>();
    int i = 0;
    for (; i < args.length && !args[i].equals("--"); i++) {
      String[] kv = args[i].split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    String[] rest = Arrays.copyOfRange(args, Math.min(i + 1, args.length), args.length);
    Ports host = Ports.host();
    Units units =
        opts.containsKey("--systemctl-root")
            ? new SystemdUnits(new ProcessRunner(), Path.of(opts.get("--systemctl-root")))
            : host.units();
    List<String> worker =
        opts.containsKey("--worker-halt-after")
            ? UserWorker.javaCommand(
                UserWorker.jar() + ":" + opts.get("--support"),
                TestWorker.class.getName(),
                List.of(opts.get("--worker-halt-after")))
            : host.worker();
    String haltAfter = opts.get("--halt-after");
    Checkpoints halt =
        step -> {
          if (step.equals(haltAfter)) {
            Runtime.getRuntime().halt(137);
          }
        };
    System.exit(Main.run(new Ports(host.accounts(), units, worker, halt), rest));
  }
}
