package dev.workstation.it;

import dev.workstation.host.HostFootprint;
import dev.workstation.host.HostSentinels;
import dev.workstation.host.SandboxIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole run, checked against the host (SPEC §8.6): before the first test class, a canary in the
 * host's {@code /tmp}, the cgroups named like units or sandboxes, and host processes running as the
 * uids the sandboxes hand out; after the last one, the canary must be intact, no such cgroup new,
 * every one of those processes alive — or the run fails, naming what changed. Registered for every
 * class of this module (junit-platform.properties, {@code META-INF/services}).
 */
public final class HostUntouched implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!Sandbox.isRoot()) {
      return; // no sandbox runs without root: nothing to watch
    }
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Watch.class, k -> Watch.start(), Watch.class);
  }

  /** What the run started with; checked when the run's root context closes. */
  static final class Watch implements ExtensionContext.Store.CloseableResource {
    private final HostFootprint footprint;
    private final HostSentinels sentinels;

    private Watch(HostFootprint footprint, HostSentinels sentinels) {
      this.footprint = footprint;
      this.sentinels = sentinels;
    }

    static Watch start() {
      try {
        return new Watch(
            HostFootprint.before(Path.of("/tmp")),
            HostSentinels.around(SandboxIds.choose(Path.of("/etc"))));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot watch the host: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws Throwable {
      List<String> changes = new ArrayList<>(footprint.changes());
      if (!sentinels.dead().isEmpty()) {
        changes.add(
            "host processes running as uids " + sentinels.dead() + " were killed during the run");
      }
      sentinels.close();
      footprint.close();
      if (!changes.isEmpty()) {
        throw new AssertionError("the test run changed the host: " + String.join("; ", changes));
      }
    }
  }
}
