package dev.workstation.claudesync;

import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed {@code claude-auth sync} command line.
 *
 * <p>The job runs from a timer for every user, four times a day: {@link #fast} recognises the
 * command line the unit uses so the entry point runs it without the CLI framework, whose model of
 * every subcommand costs more than reading a token and asking Vault (docs/performance.md, the same
 * lever as session-start's). Anything else — help, a typo — goes to the full CLI, which explains
 * it.
 */
public record SyncArgs(Path config, boolean json) {

  /**
   * The arguments, when {@code argv} is exactly {@code claude-auth sync} with only {@code --config
   * FILE}, {@code --json} and {@code --stacktrace} around it.
   */
  public static Optional<SyncArgs> fast(String[] argv) {
    Path config = SiteConfig.DEFAULT_PATH;
    boolean json = false;
    int words = 0;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--json")) {
        json = true;
      } else if (a.equals("--stacktrace")) {
        continue;
      } else if (a.startsWith("--config=") && a.length() > "--config=".length()) {
        config = Path.of(a.substring("--config=".length()));
      } else if (a.equals("--config") && i + 1 < argv.length && !argv[i + 1].isEmpty()) {
        config = Path.of(argv[++i]);
      } else if (words == 0 && a.equals("claude-auth")) {
        words = 1;
      } else if (words == 1 && a.equals("sync")) {
        words = 2;
      } else {
        return Optional.empty();
      }
    }
    return words == 2 ? Optional.of(new SyncArgs(config, json)) : Optional.empty();
  }
}
