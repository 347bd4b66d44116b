package dev.workstation.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One step of a plan: data that describes itself in one line and knows whose it is. Applying it is
 * the only place it touches the host.
 */
public sealed interface Action permits UserAction, WriteFile, RemoveFile, ReloadUnits {

  /**
   * Whose it is, and so when it runs: a user's (in their lane; a failure is isolated to them) or
   * the machine's, before or after every lane.
   */
  Owner owner();

  /** Short kind for logs and metrics, e.g. {@code create-account}. */
  String kind();

  /** One line for {@code plan}: what would be done, and why when it is not obvious. */
  String describe();

  /** Unique within a plan: {@code kind:owner[:target]}. */
  default ActionKey key() {
    return ActionKey.of(kind(), owner());
  }

  /** Keys of actions that must have been applied first; if one failed this is skipped. */
  default List<ActionKey> dependsOn() {
    return List.of();
  }

  /**
   * The unit file or drop-in it writes or removes, if any: the run then reloads the manager that
   * reads it, once ({@link ReloadUnits}).
   */
  default Optional<Path> unitFile() {
    return Optional.empty();
  }

  /** Does it. Throws with a message naming what failed and what to do. */
  void apply(Effects fx) throws Exception;
}
