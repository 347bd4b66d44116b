package dev.workstation.derive;

import dev.workstation.roster.EnvLine;
import dev.workstation.site.PortPool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Reads the sticky ports already on the host: for each pool, {@code <env dir>/<pool file>} (e.g.
 * {@code playwright-emo.env}) and its key (e.g. {@code PLAYWRIGHT_PORT=8932}) — the same file and
 * key the unit that uses the port reads.
 */
public final class PortFiles {
  /** An env file is a few lines; anything bigger is not one of ours and is not read. */
  static final int MAX_BYTES = 64 * 1024;

  private PortFiles() {}

  /** pool name → os_user → port, for the users whose pool file holds a port. */
  public static Map<String, Map<String, Integer>> read(
      Path dir, Collection<String> users, Collection<PortPool> pools) throws IOException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (PortPool pool : pools) {
      Map<String, Integer> ports = new TreeMap<>();
      out.put(pool.name(), ports);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (String user : users) {
        String text = readSmall(dir.resolve(pool.fileName(user)));
        if (text != null) {
          port(text, pool.key()).ifPresent(p -> ports.put(user, p));
        }
      }
    }
    return out;
  }

  /**
   * The port {@code key} is set to in env-file {@code text}: the last {@code KEY=<digits>} line
   * wins, as for systemd's {@code EnvironmentFile=}. Leading blanks, {@code export}, quotes and a
   * trailing CR are tolerated; comments and anything else are not ports.
   */
  public static OptionalInt port(String text, String key) {
    OptionalInt found = OptionalInt.empty();
    for (String line : text.split("\n", -1)) {
      String value = EnvLine.valueOf(line, key);
      if (value != null && value.matches("[0-9]{1,5}")) {
        int p = Integer.parseInt(value);
        if (p > 0 && p < 65536) {
          found = OptionalInt.of(p);
        }
      }
    }
    return found;
  }

  /** A regular file's text (Latin-1: never fails on odd bytes), or null if absent or not ours. */
  static String readSmall(Path p) throws IOException {
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      byte[] b = in.readNBytes(MAX_BYTES + 1);
      return b.length > MAX_BYTES ? null : new String(b, StandardCharsets.ISO_8859_1);
    }
  }
}
