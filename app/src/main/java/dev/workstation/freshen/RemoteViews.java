package dev.workstation.freshen;

import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.RefProbe;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each remote shows each user in one run, asked as cheaply as the rule allows: the first user
 * of a remote fetches its ref advertisement with their own credentials; every other user of it
 * proves their own access with their own credentials by reading the repository's {@code HEAD} (a
 * plain file the server serves after the same authorization, no git process behind it) and is shown
 * the same refs. A server that does not serve {@code HEAD} (404 …), or a first user it refused, and
 * the user asks for the advertisement themselves. Either way nobody is shown a remote's refs, or
 * later its objects, unless the server accepted their own credentials for it in this run.
 */
final class RemoteViews {
  /** What one remote showed one user: its branches and tags, or why not. */
  record View(Map<String, String> refs, String failure) {
    static View failed(String why) {
      return new View(null, why);
    }
  }

  private final Duration timeout;
  private final Map<URI, CompletableFuture<Map<String, String>>> first = new ConcurrentHashMap<>();

  RemoteViews(Duration timeout) {
    this.timeout = timeout;
  }

  View view(URI url, GitCredentials creds) {
    CompletableFuture<Map<String, String>> mine = new CompletableFuture<>();
    CompletableFuture<Map<String, String>> lead = first.putIfAbsent(url, mine);
    if (lead == null) {
      View v = advertised(url, creds);
      if (v.failure() == null) {
        mine.complete(v.refs());
      } else {
        first.remove(url, mine); // the next user asks for themselves
        mine.complete(null);
      }
      return v;
    }
    RefProbe.Access access;
    try {
      access = RefProbe.canRead(url, creds, timeout);
    } catch (java.net.SocketTimeoutException e) {
      return View.failed("timed-out");
    } catch (IOException e) {
      access = RefProbe.Access.UNKNOWN;
    }
    if (access == RefProbe.Access.REFUSED) {
      return View.failed("not authorized");
    }
    Map<String, String> refs = access == RefProbe.Access.ALLOWED ? lead.join() : null;
    return refs != null ? new View(refs, null) : advertised(url, creds);
  }

  private View advertised(URI url, GitCredentials creds) {
    try {
      return new View(RefProbe.branchesAndTags(url, creds, timeout), null);
    } catch (java.net.SocketTimeoutException e) {
      return View.failed("timed-out");
    } catch (IOException e) {
      return View.failed(Freshener.shortReason(e));
    }
  }
}
