package dev.workstation.membership;

import dev.workstation.git.CommitMessage;
import dev.workstation.git.TrustedSource;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The roster repository as the sync sees it: read and committed through {@link TrustedSource}, as
 * the lifecycle commands do — objects only, the commit signed with {@code roster.signing_key}, and
 * built only on a head whose trusted paths carry no untrusted change. The sync keeps its own bare
 * mirror ({@code state_dir/membership/roster.git}), so a timer run never contends with a reconcile
 * for the reconcile's mirror.
 */
final class RosterTarget {
  /** The roster at the branch head: its text, and whether signatures were checked. */
  record Head(String text, Roster roster, boolean verified) {}

  /** The roster text changed between the read and the commit: plan again. */
  static final class Moved extends RuntimeException {
    Moved() {
      super("the roster changed while the sync ran");
    }
  }

  private final SiteConfig.RosterSource source;
  private final TrustedSource trusted;

  RosterTarget(SiteConfig site) {
    this.source = site.roster().orElseThrow();
    this.trusted = new TrustedSource(source, site.stateDir().resolve("membership"), 60);
  }

  String file() {
    return source.path();
  }

  /** The branch head's roster; refused when its trusted paths carry an untrusted change. */
  Head head() throws SyncFailed {
    TrustedSource.Content c;
    try {
      c = trusted.fetch(Optional.empty());
    } catch (TrustedSource.FetchFailedException
        | TrustedSource.SourceException
        | TrustedSource.RewrittenException
        | dev.workstation.git.TooManyCommitsException
        | IOException e) {
      throw new SyncFailed(e.getMessage());
    }
    if (!c.untrusted().isEmpty()) {
      TrustedSource.Untrusted u = c.untrusted().get(0);
      throw new SyncFailed(
          "the roster's branch carries a change no allowed signer vouched for (commit "
              + u.shortSha()
              + " by "
              + u.author()
              + ": "
              + u.why()
              + "); the sync builds only on what an admin signed, so an admin reviews it first");
    }
    String text = new String(c.roster(), StandardCharsets.UTF_8);
    return new Head(text, RosterParser.parse(source.path(), c.roster()), c.verified());
  }

  /**
   * Commits {@code after} in place of {@code before}, signed, and pushes it.
   *
   * @throws Moved when the roster at the head is no longer {@code before}
   */
  String commit(String before, String after, CommitMessage message, PersonIdent author)
      throws SyncFailed {
    try {
      return trusted.commit(
          text -> {
            if (!text.equals(before)) {
              throw new Moved();
            }
            return after;
          },
          message,
          author);
    } catch (IOException e) {
      throw new SyncFailed(e.getMessage() + "; nothing was committed");
    }
  }

  boolean signs() {
    return source.signingKey().isPresent();
  }

  /** The sync could not go on; the message says why and what to do. */
  static final class SyncFailed extends Exception {
    SyncFailed(String message) {
      super(message);
    }
  }
}
