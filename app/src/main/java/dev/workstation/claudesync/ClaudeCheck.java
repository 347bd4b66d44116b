package dev.workstation.claudesync;

import dev.workstation.site.SiteConfig.ClaudeAuthCheck;
import java.nio.file.Path;

/** How the job decides that the login in the credentials file works ({@code claude_auth.check}). */
interface ClaudeCheck {
  /** Checks the login now in {@code home}'s credentials file (whose shape is already right). */
  CheckResult run(Path home);

  /** The configured check: a real, tiny inference, or the shape alone. */
  static ClaudeCheck of(ClaudeAuthCheck kind) {
    return switch (kind) {
      case INFERENCE -> new InferenceCheck();
      case NONE -> home -> new CheckResult.Passed();
    };
  }
}
