package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The range {@code /etc/login.defs} gives human accounts ({@code UID_MIN}..{@code UID_MAX}), which
 * the product's own uid choice honours as useradd does: an admin who reserved ids for something
 * else (or a sandbox with its own range) is never handed an id outside it.
 */
public final class LoginDefs {
  /** shadow-utils' defaults when login.defs says nothing. */
  public static final IdRange DEFAULT_UIDS = new IdRange(1000, 60000);

  private LoginDefs() {}

  public static IdRange uids(Path loginDefs) {
    int min = DEFAULT_UIDS.min();
    int max = DEFAULT_UIDS.max();
    try {
      if (Files.isRegularFile(loginDefs)) {
        for (String line : Files.readAllLines(loginDefs, StandardCharsets.ISO_8859_1)) {
          String[] kv = line.strip().split("\\s+");
          if (kv.length >= 2 && kv[1].matches("[0-9]{1,9}")) {
            if (kv[0].equals("UID_MIN")) {
              min = Integer.parseInt(kv[1]);
            } else if (kv[0].equals("UID_MAX")) {
              max = Integer.parseInt(kv[1]);
            }
          }
        }
      }
    } catch (IOException e) {
      return DEFAULT_UIDS; // unreadable: shadow-utils falls back to its defaults too
    }
    return min <= max ? new IdRange(min, max) : DEFAULT_UIDS;
  }
}
