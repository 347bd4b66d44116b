package dev.workstation.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the sticky ports already on the host from the env dir: {@code <dir>/<os_user>.env} with a
 * {@code <POOL>_PORT=<n>} line per pool (e.g. {@code T3_PORT=3773}).
 */
public final class PortFiles {
  private PortFiles() {}

  /** The env variable a pool's port is written as: pool {@code t3} → {@code T3_PORT}. */
  public static String variable(String pool) {
    return pool.toUpperCase(java.util.Locale.ROOT) + "_PORT";
  }

  public static Map<String, Map<String, Integer>> read(
      Path dir, Collection<String> users, Collection<String> pools) throws IOException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String pool : pools) {
      out.put(pool, new TreeMap<>());
    }
    if (!Files.isDirectory(dir)) {
      return out;
    }
    for (String user : users) {
      Path env = dir.resolve(user + ".env");
      if (!Files.isRegularFile(env, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      List<String> lines = Files.readAllLines(env, StandardCharsets.UTF_8);
      for (String pool : pools) {
        String prefix = variable(pool) + "=";
        for (String line : lines) {
          String t = line.strip();
          if (t.startsWith(prefix)) {
            String v = t.substring(prefix.length()).strip();
            if (v.matches("[0-9]{1,5}")) {
              out.get(pool).put(user, Integer.parseInt(v));
            }
          }
        }
      }
    }
    return out;
  }
}
