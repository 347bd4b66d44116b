package dev.workstation.host;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Host processes that stand where a leaky sandbox would strike: one sleeping process per uid the
 * sandbox hands out first (and a few around them, and the classic first human uids), started on the
 * host outside every namespace. If any of them is dead afterwards, something inside the sandbox
 * signalled a host process.
 */
public final class HostSentinels implements AutoCloseable {
  private final IdRange near;
  private final Map<Integer, Process> byUid;

  private HostSentinels(IdRange near, Map<Integer, Process> byUid) {
    this.near = near;
    this.byUid = byUid;
  }

  /** Sentinels for {@code ids.min()-2 .. ids.min()+9} and uids 1000..1002. */
  public static HostSentinels around(IdRange ids) throws IOException {
    IdRange near = new IdRange(ids.min() - 2, ids.min() + 9);
    List<Integer> uids = new ArrayList<>(List.of(1000, 1001, 1002));
    for (int u = near.min(); u <= near.max(); u++) {
      uids.add(u);
    }
    Map<Integer, Process> started = new TreeMap<>();
    HostSentinels s = new HostSentinels(near, started);
    try {
      for (int uid : uids) {
        started.put(
            uid,
            new ProcessBuilder(
                    "setpriv",
                    "--reuid=" + uid,
                    "--regid=" + uid,
                    "--clear-groups",
                    "--",
                    "sleep",
                    "infinity")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
      }
    } catch (IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The uids whose sentinel is no longer running. */
  public List<Integer> dead() {
    List<Integer> out = new ArrayList<>();
    byUid.forEach(
        (uid, p) -> {
          if (!p.isAlive()) {
            out.add(uid);
          }
        });
    return out;
  }

  public String describe() {
    return near.min() + ".." + near.max() + " and 1000..1002";
  }

  @Override
  public void close() {
    byUid.values().forEach(Process::destroyForcibly);
  }
}
