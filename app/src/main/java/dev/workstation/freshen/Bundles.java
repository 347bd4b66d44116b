package dev.workstation.freshen;

import dev.workstation.git.MirrorStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bundles cut from root's mirrors, each cut once: every user whose clone holds the same refs and
 * lacks the same objects (twenty infra clones one hour behind) gets a copy of the same bytes, so
 * root packs the new objects once per remote and run, not once per user. Kept for the life of the
 * process (the service's, or one freshen's) up to {@link #MAX_BYTES} in all; a bundle is only ever
 * the objects of refs the asking user was just shown with their own credentials.
 */
final class Bundles {
  static final long MAX_BYTES = 64L << 20;
  static final int MAX_ENTRIES = 64;

  private final MirrorStore mirrors;
  private final Map<String, byte[]> cut = new ConcurrentHashMap<>();

  Bundles(MirrorStore mirrors) {
    this.mirrors = mirrors;
  }

  /** The bundle of {@code refs} of {@code url} for a clone that holds {@code haves}. */
  byte[] of(URI url, Map<String, String> refs, Collection<String> haves) throws IOException {
    TreeSet<String> have = new TreeSet<>(haves);
    String key = url + "\n" + new TreeMap<>(refs) + "\n" + have;
    byte[] known = cut.get(key);
    if (known != null) {
      return known;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    mirrors.bundle(url, refs, List.copyOf(have), out);
    byte[] bytes = out.toByteArray();
    if (cut.size() >= MAX_ENTRIES || held() + bytes.length > MAX_BYTES) {
      cut.clear(); // a new round of bundles: the old ones are for refs the remotes moved past
    }
    cut.put(key, bytes);
    return bytes;
  }

  private long held() {
    return cut.values().stream().mapToLong(b -> b.length).sum();
  }
}
