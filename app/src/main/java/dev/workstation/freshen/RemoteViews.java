package dev.workstation.freshen;

import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.RefProbe;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What each remote shows each user in one run: its ref advertisement ({@code GET
 * info/refs?service=git-upload-pack}), asked with the user's own credentials — the same request,
 * with the same authorization, that a clone or fetch by that user makes. So nobody is shown a
 * remote's refs, or later gets its objects from root's mirror, unless the server accepted their own
 * credentials for that repository in this run, whatever else the server serves to whom (a dumb-HTTP
 * {@code HEAD} file, say, that it might not guard per repository). The requests go in parallel over
 * the process's pooled connections, so this costs the server one advertisement per user and remote,
 * and the user one round trip.
 */
final class RemoteViews {
  /** What one remote showed one user: its branches and tags, or why not. */
  record View(Map<String, String> refs, String failure) {
    static View failed(String why) {
      return new View(null, why);
    }
  }

  private final Duration timeout;

  RemoteViews(Duration timeout) {
    this.timeout = timeout;
  }

  View view(URI url, GitCredentials creds) {
    try {
      return new View(RefProbe.branchesAndTags(url, creds, timeout), null);
    } catch (java.net.SocketTimeoutException e) {
      return View.failed("timed-out");
    } catch (IOException e) {
      return View.failed(Freshener.shortReason(e));
    }
  }
}
