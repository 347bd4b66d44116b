package dev.workstation.site;

import java.util.Locale;

/**
 * One sticky-port pool: its name, the port it hands out from, and the env file and key its port
 * lives in — where the unit that uses the port reads it ({@code EnvironmentFile=}). The short form
 * {@code t3: 3773} is file {@code {user}.env}, key {@code T3_PORT}; the long form names both, e.g.
 * {@code playwright: {base: 8931, file: "playwright-{user}.env", key: PLAYWRIGHT_PORT}}.
 *
 * @param file a file name in {@code units.env_dir} with {@code {user}} where the os_user goes
 */
public record PortPool(String name, int base, String file, String key) {
  public static final String USER = "{user}";

  /** The short form: {@code {user}.env} with {@code <NAME>_PORT}. */
  public static PortPool shortForm(String name, int base) {
    return new PortPool(name, base, USER + ".env", name.toUpperCase(Locale.ROOT) + "_PORT");
  }

  /** This pool's file name for {@code user}, e.g. {@code playwright-emo.env}. */
  public String fileName(String user) {
    return file.replace(USER, user);
  }
}
