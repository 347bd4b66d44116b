package dev.workstation.host;

import java.nio.file.Path;
import java.util.List;

/**
 * A disposable host that {@code workstation demo} and the tests run commands in: its own PID and
 * mount namespaces, overlays where the shadow tools and package managers write, and a uid/gid range
 * the host does not use. {@link HostSandbox} holds it open with a plain PID 1; {@link
 * SystemdSandbox} boots a real systemd as its PID 1.
 */
public interface IsolatedHost extends AutoCloseable {

  /** The scratch directory, visible inside at the same path. */
  Path dir();

  /** The uid/gid range it hands out (never used by the host). */
  IdRange ids();

  /** The argv that runs {@code argv} inside it. */
  List<String> enter(List<String> argv);

  /** Ends every process inside and removes what it made outside its scratch directory. */
  @Override
  void close();
}
