package dev.workstation.units;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment files of units, as {@code systemctl show -p Id -p EnvironmentFiles} lists them.
 */
final class EnvironmentFiles {
  private EnvironmentFiles() {}

  /**
   * unit → its files: one block per unit, blank-line separated, each file on a line of its own as
   * {@code EnvironmentFiles=PATH (ignore_errors=…)} (before the block's {@code Id=} line: systemctl
   * orders properties its own way).
   */
  static Map<String, List<Path>> parse(String show) {
    Map<String, List<Path>> out = new HashMap<>();
    for (String block : show.split("\n\\s*\n")) {
      String id = null;
      List<Path> files = new ArrayList<>();
      for (String line : block.split("\n")) {
        if (line.startsWith("Id=")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("EnvironmentFiles=")) {
          String v = line.substring("EnvironmentFiles=".length());
          int space = v.indexOf(" (");
          files.add(Path.of(space < 0 ? v : v.substring(0, space)));
        }
      }
      if (id != null) {
        out.put(id, files);
      }
    }
    return out;
  }
}
