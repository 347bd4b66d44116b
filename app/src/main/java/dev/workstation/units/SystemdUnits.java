package dev.workstation.units;

import dev.workstation.host.Nss;
import dev.workstation.host.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Units} through {@code systemctl}. With a root directory ({@code systemctl --root=DIR},
 * used where no systemd runs, e.g. tests and image builds) only enablement is managed: there is
 * nothing to start or stop.
 */
public final class SystemdUnits implements Units {
  /** Where systemd looks for system unit files, most specific first (systemd.unit(5)). */
  static final List<String> UNIT_PATH =
      List.of(
          "etc/systemd/system",
          "run/systemd/system",
          "usr/local/lib/systemd/system",
          "usr/lib/systemd/system",
          "lib/systemd/system");

  private final ProcessRunner runner;
  private final Path root;

  public SystemdUnits(ProcessRunner runner, Path root) {
    this.runner = runner;
    this.root = root;
  }

  @Override
  public boolean runtimeKnown() {
    return root == null;
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
  public Map<String, UnitState> states(Collection<String> units) {
    Map<String, UnitState> out = new HashMap<>();
    Map<String, Boolean> enabled = new HashMap<>();
    Set<String> missing = new java.util.HashSet<>();
    for (List<String> group : byTemplate(units).values()) {
      enablement(group, enabled, missing);
    }
    Map<String, String[]> runtime = root == null ? runtime(units) : Map.of();
    for (String u : new LinkedHashSet<>(units)) {
      String[] r = runtime.get(u);
      out.put(
          u,
          new UnitState(
              enabled.getOrDefault(u, false),
              r != null && r[0].equals("active"),
              r != null && r[0].equals("failed"),
              missing.contains(u)));
    }
    return out;
  }

  /** Instances grouped by template file: {@code is-enabled} stops at the first unknown unit. */
  private static Map<String, List<String>> byTemplate(Collection<String> units) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String u : new LinkedHashSet<>(units)) {
      int at = u.indexOf('@');
      int dot = u.lastIndexOf('.');
      String template = at < 0 || dot < at ? u : u.substring(0, at + 1) + u.substring(dot);
      out.computeIfAbsent(template, t -> new ArrayList<>()).add(u);
    }
    return out;
  }

  /**
   * {@code systemctl is-enabled} for one template's instances: one line per unit. Instances are not
   * unit files, so {@code list-unit-files} cannot answer this; is-enabled reads their symlinks in
   * the {@code .wants/} directories, live or under {@code --root}.
   */
  private void enablement(List<String> group, Map<String, Boolean> enabled, Set<String> missing) {
    List<String> argv = systemctl("is-enabled");
    argv.addAll(group);
    ProcessRunner.Result r = runner.run(argv);
    List<String> lines = r.stdout().lines().toList();
    if (lines.size() == group.size()) {
      for (int i = 0; i < group.size(); i++) {
        String state = lines.get(i).strip();
        enabled.put(group.get(i), state.equals("enabled") || state.equals("enabled-runtime"));
      }
      return;
    }
    if (lines.isEmpty() && r.stderr().contains("No such file or directory")) {
      missing.addAll(group); // the template is not installed: no instance of it can be enabled
    } else if (group.size() > 1) {
      for (String u : group) {
        enablement(List.of(u), enabled, missing); // mixed answers: ask one at a time
      }
    }
  }

  /** unit → [active state] from {@code list-units} (only where systemd runs). */
  private Map<String, String[]> runtime(Collection<String> units) {
    Set<String> patterns = new LinkedHashSet<>();
    for (String u : units) {
      int at = u.indexOf('@');
      patterns.add(at < 0 ? u : u.substring(0, at + 1) + "*");
    }
    Map<String, String[]> out = new HashMap<>();
    if (patterns.isEmpty()) {
      return out;
    }
    List<String> argv = systemctl("list-units", "--all", "--no-legend", "--no-pager", "--plain");
    argv.addAll(patterns);
    for (String line : runner.run(argv).stdout().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4) {
        out.put(f[0], new String[] {f[2]});
      }
    }
    return out;
  }

  @Override
  public Map<String, List<Path>> environmentFiles(Collection<String> units) {
    if (root != null || units.isEmpty()) {
      return Map.of();
    }
    List<String> argv = systemctl("show", "-p", "Id", "-p", "EnvironmentFiles");
    argv.addAll(new LinkedHashSet<>(units));
    return EnvironmentFiles.parse(runner.run(argv).stdout());
  }

  @Override
  public Optional<String> unitFile(String name) {
    Path base = root == null ? Path.of("/") : root;
    for (String dir : UNIT_PATH) {
      Path p = base.resolve(dir).resolve(name);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
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
  public void reload() {
    if (root == null) {
      runner.run(systemctl("daemon-reload")).check();
    }
  }

  /**
   * {@code systemctl --user --machine=USER@ daemon-reload} for the user of each running {@code
   * user@UID.service} (systemd 248 and later reach a user's manager this way, as root).
   */
  @Override
  public void reloadUserManagers() {
    if (root != null) {
      return;
    }
    List<String> argv =
        systemctl(
            "list-units", "--type=service", "--state=running", "--no-legend", "--plain", "user@*");
    for (String line : runner.run(argv).stdout().split("\n")) {
      String unit = line.strip().split("\\s+")[0];
      if (!unit.matches("user@[0-9]+\\.service")) {
        continue;
      }
      int uid = Integer.parseInt(unit.substring(5, unit.length() - ".service".length()));
      Nss.allUsers().stream()
          .filter(pw -> pw.uid() == uid)
          .findFirst()
          .ifPresent(
              pw ->
                  runner
                      .run(systemctl("--user", "--machine=" + pw.name() + "@", "daemon-reload"))
                      .check());
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
    if (unit.endsWith(".timer")) {
      // a timer's failures show on the service it runs (same name by default)
      runner.run(
          systemctl(
              "reset-failed", unit.substring(0, unit.length() - ".timer".length()) + ".service"));
    }
  }
}
