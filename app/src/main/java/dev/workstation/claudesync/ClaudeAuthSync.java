package dev.workstation.claudesync;

import dev.workstation.claudeauth.ClaudeAuthResult;
import dev.workstation.claudeauth.Outcome;
import dev.workstation.input.InvalidInputException;
import dev.workstation.site.Placeholders;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.util.Inert;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code workstation claude-auth sync}, run as the user by their {@code
 * workstation-claude-auth@<user>.timer} (SPEC §6.12): one {@link SyncRun}, its result recorded in
 * {@code ~/.local/state/workstation/claude-auth.json} for root to read, one line saying what
 * happened, exit 0 when the user's login is usable and 1 when it is not. It never prints a token:
 * every message is built from paths, names and reasons.
 */
public final class ClaudeAuthSync {
  private ClaudeAuthSync() {}

  /** Runs for the calling user (their passwd name and home, not the environment's). */
  public static int run(SyncArgs args, PrintWriter out) {
    return run(
        args, Path.of(System.getProperty("user.home")), System.getProperty("user.name"), out);
  }

  static int run(SyncArgs args, Path home, String user, PrintWriter out) {
    Ended ended = attempt(args.config(), home, user);
    ClaudeAuthResult result =
        ClaudeAuthResult.of(
            Instant.now(), ended.outcome(), ended.message(), ResultFile.lastSuccess(home));
    String unrecorded = "";
    try {
      ResultFile.write(home, result);
    } catch (IOException e) {
      unrecorded = " (result not recorded: " + e.getMessage() + ")";
    }
    if (args.json()) {
      out.print(result.toJson());
    } else {
      out.println(
          Inert.text(
              "claude-auth sync: "
                  + result.outcome().word()
                  + ": "
                  + result.message()
                  + unrecorded));
    }
    out.flush();
    return result.ok() && unrecorded.isEmpty() ? 0 : 1;
  }

  private static Ended attempt(Path config, Path home, String user) {
    SiteConfig site;
    try {
      site = SiteConfigParser.load(config);
      if (!Placeholders.find(config).isEmpty()) {
        return new Ended(
            Outcome.NOT_CONFIGURED, config + " still holds the shipped example's values");
      }
    } catch (InvalidInputException e) {
      return new Ended(
          Outcome.NOT_CONFIGURED,
          e.problems().size()
              + " problem(s) in the site config, first: "
              + e.problems().get(0).render());
    }
    Optional<SiteConfig.ClaudeAuth> auth = site.claudeAuth();
    if (auth.isEmpty() || site.vault().isEmpty()) {
      return new Ended(Outcome.NOT_CONFIGURED, config + " has no claude_auth: section");
    }
    return new SyncRun(
            site.vault().get().address(),
            auth.get(),
            home,
            user,
            ClaudeCheck.of(auth.get().check()))
        .run();
  }
}
