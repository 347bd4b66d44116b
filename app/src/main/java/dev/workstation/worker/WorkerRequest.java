package dev.workstation.worker;

import dev.workstation.worker.WorkerReply.CloneStates;
import dev.workstation.worker.WorkerReply.Done;
import dev.workstation.worker.WorkerReply.Freshened;
import dev.workstation.worker.WorkerReply.Inspected;
import dev.workstation.worker.WorkerReply.LinkChanges;
import dev.workstation.worker.WorkerReply.Migrated;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What root asks a user's worker to do: one record per operation, typed by the reply it gets
 * ({@code R}). Only {@link WorkerCodec} turns these into bytes and back; paths are names relative
 * to the home, checked again by the worker ({@code asuser.WorkerOps}).
 */
public sealed interface WorkerRequest<R extends WorkerReply>
    permits WorkerRequest.Inspect,
        WorkerRequest.Links,
        WorkerRequest.Launcher,
        WorkerRequest.Kubeconfig,
        WorkerRequest.AddCredentials,
        WorkerRequest.ClaudeAuthHome,
        WorkerRequest.SetIdentity,
        WorkerRequest.Clone,
        WorkerRequest.Wire,
        WorkerRequest.CloneStatus,
        WorkerRequest.Migrate,
        WorkerRequest.Hoist,
        WorkerRequest.Freshen,
        WorkerRequest.WarmUp {
  /** What a repo name may be, on both sides: a name under {@code ~/code}, never a path. */
  java.util.regex.Pattern REPO_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** How the Config base is linked into {@code ~/.claude} ({@code site.config_base}). */
  record LinkSpec(String base, List<String> kinds, boolean directory) {
    public LinkSpec {
      Objects.requireNonNull(base);
      kinds = List.copyOf(kinds);
    }
  }

  /**
   * Observe the home for the planner: {@code ~/code} and its {@code repos}; and, when present, the
   * links (a dry run), the launcher and kubeconfig as they should read, and whether the user holds
   * git credentials for {@code credentialsHost}.
   */
  record Inspect(
      List<String> repos,
      Optional<LinkSpec> links,
      Optional<String> launcher,
      Optional<String> kubeconfig,
      Optional<String> credentialsHost)
      implements WorkerRequest<Inspected> {
    public Inspect {
      repos = List.copyOf(repos);
    }
  }

  /** Make the Config base's links in {@code ~/.claude}. */
  record Links(LinkSpec spec) implements WorkerRequest<LinkChanges> {}

  /** Deploy {@code ~/start-claude.sh} (unless it is the user's own). */
  record Launcher(String content) implements WorkerRequest<Done> {}

  /** Write {@code ~/.kube/config} (unless it is the user's own). */
  record Kubeconfig(String content) implements WorkerRequest<Done> {}

  /** Append one line to {@code ~/.git-credentials}. The secret never shows in {@link #toString}. */
  record AddCredentials(String scheme, String host, String login, String secret)
      implements WorkerRequest<Done> {
    @Override
    public String toString() {
      return "AddCredentials[scheme=" + scheme + ", host=" + host + ", login=" + login + "]";
    }
  }

  /**
   * Make the Claude-credentials job's directories ({@code claudeauth.ClaudeAuthPaths.DIRS}, 0700)
   * where they are missing and, with a {@code token}, write it as the job's Vault token file (0600,
   * atomically). The token never shows in {@link #toString}.
   */
  record ClaudeAuthHome(Optional<String> token) implements WorkerRequest<Done> {
    @Override
    public String toString() {
      return "ClaudeAuthHome[token=" + (token.isPresent() ? "<redacted>" : "none") + "]";
    }
  }

  /** Set the user's git name and email where they have none. */
  record SetIdentity(Optional<String> name, Optional<String> email)
      implements WorkerRequest<Done> {}

  /**
   * Clone {@code url} into {@code target} ({@code code}, {@code code/infra} or {@code
   * code/<repo>}); {@code locked}: read-only working tree; {@code credentials}: with the user's git
   * credentials; {@code mkdirParent}: create {@code ~/code} first.
   */
  record Clone(
      String target,
      String url,
      String remote,
      Optional<String> branch,
      boolean locked,
      boolean credentials,
      boolean mkdirParent)
      implements WorkerRequest<Done> {}

  /** Add or correct {@code remote} of the clone at {@code target}. */
  record Wire(String target, String remote, String url, String branch, boolean credentials)
      implements WorkerRequest<Done> {}

  /** Each clone's state, from local data only (for {@code status}). */
  record CloneStatus() implements WorkerRequest<CloneStates> {}

  /** Move {@code ~/code} from the single layout to the workspace. */
  record Migrate() implements WorkerRequest<Migrated> {}

  /** Move the untracked clone {@code code/infra/<name>} up to {@code code/<name>}. */
  record Hoist(String name) implements WorkerRequest<Done> {}

  /** Freshen every clone, {@code jobs} at a time, each within {@code timeoutMillis}. */
  record Freshen(int jobs, long timeoutMillis) implements WorkerRequest<Freshened> {}

  /** Exercise the common code paths (for the class-data archive). */
  record WarmUp() implements WorkerRequest<Done> {}
}
