package dev.workstation.claudeauth;

import dev.workstation.metrics.TextfileMetrics;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of the users' Claude logins (SPEC §6.12), for the run's textfile: one series per user
 * with {@code claude_auth: true} (forced off when parked), none for anyone else — so the alert on a
 * user who has not succeeded in 12 hours never fires for someone who opted out.
 *
 * <ul>
 *   <li>{@code workstation_claude_auth_enabled{user}} 1: the job is meant to run for them;
 *   <li>{@code workstation_claude_auth_ok{user}} 1 when their last run left a usable login, 0 when
 *       it did not, when it never ran, or when its result file is not one;
 *   <li>{@code workstation_claude_auth_last_success_timestamp_seconds{user}} when any run
 *       succeeded;
 *   <li>{@code workstation_claude_auth_last_run_timestamp_seconds{user}} when the job ran.
 * </ul>
 */
public final class ClaudeAuthMetrics {
  private ClaudeAuthMetrics() {}

  /**
   * Adds the series of {@code enabled} (user → what root read of their result) to {@code m}, each
   * metric's samples together (the text format wants a family in one block).
   */
  public static TextfileMetrics add(TextfileMetrics m, Map<String, ResultReading> enabled) {
    enabled.forEach(
        (user, r) ->
            m.gauge(
                "claude_auth_enabled",
                "1 for a user whose Claude credentials job is enabled (claude_auth: true).",
                Map.of("user", user),
                1));
    enabled.forEach(
        (user, r) ->
            m.gauge(
                "claude_auth_ok",
                "1 when the user's last Claude credentials check left a working login.",
                Map.of("user", user),
                found(r).map(ClaudeAuthResult::ok).orElse(false) ? 1 : 0));
    enabled.forEach(
        (user, r) ->
            found(r)
                .flatMap(ClaudeAuthResult::lastSuccess)
                .ifPresent(
                    t ->
                        m.gauge(
                            "claude_auth_last_success_timestamp_seconds",
                            "When the user's Claude credentials job last succeeded.",
                            Map.of("user", user),
                            t.getEpochSecond())));
    enabled.forEach(
        (user, r) ->
            found(r)
                .ifPresent(
                    f ->
                        m.gauge(
                            "claude_auth_last_run_timestamp_seconds",
                            "When the user's Claude credentials job last ran.",
                            Map.of("user", user),
                            f.finished().getEpochSecond())));
    return m;
  }

  private static Optional<ClaudeAuthResult> found(ResultReading r) {
    return r instanceof ResultReading.Found f ? Optional.of(f.result()) : Optional.empty();
  }
}
