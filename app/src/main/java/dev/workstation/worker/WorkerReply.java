package dev.workstation.worker;

import dev.workstation.config.MarkedFile;
import dev.workstation.git.CloneStatus;
import dev.workstation.git.Freshener;
import dev.workstation.layout.PathKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker answers, one record per kind of answer ({@link WorkerRequest} says which). On
 * root's side every one of these came out of {@link WorkerCodec#decodeReply}, so its fields are of
 * their type, within their bounds and drawn from their closed sets — but still the user's words:
 * they go through {@code Inert} before anyone sees them.
 */
public sealed interface WorkerReply
    permits WorkerReply.Inspected,
        WorkerReply.LinkChanges,
        WorkerReply.Done,
        WorkerReply.CloneStates,
        WorkerReply.Migrated,
        WorkerReply.Freshened {

  /** One path's kind and, for a clone, its wiring. */
  record PathFacts(
      PathKind kind,
      Map<String, String> remotes,
      Optional<String> branch,
      Optional<String> tracking) {
    public PathFacts {
      remotes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(remotes));
    }
  }

  /**
   * The home as the planner needs it: {@code ~/code}, {@code code/infra}, the migration's temporary
   * name, each roster repo's kind and whether it sits untracked inside infra; and what the {@link
   * WorkerRequest.Inspect} asked for besides (links as a dry run, marked-file states and git
   * credentials), empty when it was not asked. A marked file of ours that is stale also comes with
   * what it holds now ({@code launcherNow}, {@code kubeconfigNow}), so {@code plan --diff} shows
   * the change from what was observed, without reading the home again.
   */
  record Inspected(
      PathFacts code,
      PathFacts infra,
      PathKind migrateTmp,
      Map<String, PathKind> repos,
      Map<String, Boolean> nested,
      Optional<LinkChanges> links,
      Optional<MarkedFile.State> launcher,
      Optional<MarkedFile.State> kubeconfig,
      Optional<String> launcherNow,
      Optional<String> kubeconfigNow,
      Optional<Boolean> gitCredentials,
      boolean gitName,
      boolean gitEmail)
      implements WorkerReply {}

  /**
   * What linking the Config base changed (or would change), what blocked a link, and what the user
   * cannot follow (each a reason with its remedy: a failure for that user).
   */
  record LinkChanges(List<String> changes, List<String> blocked, List<String> unreachable)
      implements WorkerReply {
    public LinkChanges {
      changes = List.copyOf(changes);
      blocked = List.copyOf(blocked);
      unreachable = List.copyOf(unreachable);
    }
  }

  /** The operation was done; it has nothing to tell. */
  record Done() implements WorkerReply {}

  /** Each clone's state by its path under the home ({@code code} or {@code code/<name>}). */
  record CloneStates(Map<String, CloneStatus> clones) implements WorkerReply {
    public CloneStates {
      clones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clones));
    }
  }

  /** The steps a layout migration took. */
  record Migrated(List<String> steps) implements WorkerReply {
    public Migrated {
      steps = List.copyOf(steps);
    }
  }

  /** Each clone's freshen outcome; repos are paths under the home. */
  record Freshened(List<Freshener.Outcome> outcomes) implements WorkerReply {
    public Freshened {
      outcomes = List.copyOf(outcomes);
    }
  }
}
