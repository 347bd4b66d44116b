package dev.workstation.units;

import dev.workstation.host.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Units} through {@code systemctl}. With a root directory ({@code systemctl --root=DIR},
 * used where no systemd runs, e.g. tests and image builds) only enablement is managed: there is
 * nothing to start or stop.
 */
public final class SystemdUnits implements Units {
  private final ProcessRunner runner;
  private final Path root;

  public SystemdUnits(ProcessRunner runner, Path root) {
    this.runner = runner;
    this.root = root;
  }

  @Override
  public String unavailableReason() {
    if (root != null) {
      return null;
    }
    // sd_booted(): systemd creates this directory at boot
    return Files.isDirectory(Path.of("/run/systemd/system"))
        ? null
        : "systemd is not running on this host";
  }

  private List<String> systemctl(String... args) {
    List<String> argv = new ArrayList<>(List.of("systemctl"));
    if (root != null) {
      argv.add("--root=" + root);
    }
    argv.addAll(List.of(args));
    return argv;
  }

  @Override
  public Map<String, UnitState> states(String prefix) {
    Map<String, UnitState> out = new HashMap<>();
    ProcessRunner.Result files =
        runner.run(systemctl("list-unit-files", "--no-legend", "--no-pager", prefix + "*"));
    Map<String, Boolean> enabled = new HashMap<>();
    for (String line : files.stdout().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[0].startsWith(prefix) && !f[0].equals(prefix + ".service")) {
        enabled.put(f[0], f[1].equals("enabled"));
      }
    }
    if (root != null) {
      // --root has no runtime state; ask about each enabled symlink directly
      Path wants = root.resolve("etc/systemd/system/multi-user.target.wants");
      if (Files.isDirectory(wants)) {
        try (var entries = Files.list(wants)) {
          entries
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith(prefix))
              .forEach(n -> enabled.put(n, true));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      enabled.forEach((u, e) -> out.put(u, new UnitState(e, false, false)));
      return out;
    }
    ProcessRunner.Result units =
        runner.run(
            systemctl("list-units", "--all", "--no-legend", "--no-pager", "--plain", prefix + "*"));
    for (String line : units.stdout().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].startsWith(prefix)) {
        out.put(
            f[0],
            new UnitState(
                enabled.getOrDefault(f[0], false), f[2].equals("active"), f[2].equals("failed")));
      }
    }
    enabled.forEach((u, e) -> out.putIfAbsent(u, new UnitState(e, false, false)));
    return out;
  }

  @Override
  public void enableNow(String unit) {
    if (root != null) {
      runner.run(systemctl("enable", unit)).check();
    } else {
      runner.run(systemctl("enable", "--now", unit)).check();
    }
  }

  @Override
  public void disableNow(String unit) {
    if (root != null) {
      runner.run(systemctl("disable", unit)).check();
      return;
    }
    runner.run(systemctl("disable", "--now", unit)).check();
    runner.run(systemctl("reset-failed", unit)); // nothing to clear is fine
  }
}
