package dev.workstation.freshen;

import dev.workstation.git.GitCredentials;
import dev.workstation.git.MirrorStore;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one run learnt of root's mirrors, so that twenty users one hour behind cost the mirror one
 * look, not twenty: that it holds a set of refs' objects (a mirror only grows within a run), and
 * how far one commit is behind another in it. For one run only: between runs an admin may delete
 * the mirrors (docs/runbooks/recover.md), and the next run looks again.
 */
final class MirrorMemo {
  private final MirrorStore mirrors;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> behind = new ConcurrentHashMap<>();

  MirrorMemo(MirrorStore mirrors) {
    this.mirrors = mirrors;
  }

  /** {@link MirrorStore#ensure}, once per remote and set of refs in this run. */
  void ensure(URI url, Map<String, String> wanted, GitCredentials creds, Duration timeout)
      throws IOException {
    String key = url + "\n" + new TreeMap<>(wanted);
    if (!held.contains(key)) {
      mirrors.ensure(url, wanted, creds, timeout);
      held.add(key);
    }
  }

  /** {@link MirrorStore#behind}, once per remote and pair of commits in this run. */
  Integer behind(URI url, String local, String upstream) throws IOException {
    String key = url + " " + local + " " + upstream;
    Integer known = behind.get(key);
    if (known == null && !behind.containsKey(key)) {
      known = mirrors.behind(url, local, upstream);
      behind.put(key, known == null ? Integer.MIN_VALUE : known);
      return known;
    }
    return known == null || known == Integer.MIN_VALUE ? null : known;
  }
}
