package dev.workstation.reconcile;

import dev.workstation.config.MarkedFile;
import dev.workstation.host.FileInfo;
import dev.workstation.plan.Action;
import dev.workstation.plan.DeployLauncher;
import dev.workstation.plan.WriteFile;
import dev.workstation.plan.WriteGitCredentials;
import dev.workstation.plan.WriteKubeconfig;
import dev.workstation.util.SecretShapes;
import dev.workstation.worker.WorkerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * {@code plan --diff}: for each action that writes a file, the unified diff of what is there now
 * and what would be written, every secret replaced by {@code <redacted>} (like {@code ansible
 * --check --diff}, {@code terraform plan}). What is there now is read the way the run reads it:
 * root's own files with no-follow reads, a file in a home by that user's worker (and only when it
 * is ours). A secret from Vault is never fetched for a diff: its line shows {@code <redacted>}.
 */
public final class PlanDiff {
  /** Files larger than this are summarized, not diffed. */
  static final int CAP = 1 << 20;

  private final Duration bound;

  /** {@code bound}: how long a worker may take to read a user's file. */
  public PlanDiff(Duration bound) {
    this.bound = bound;
  }

  /** The diff lines for {@code a}; empty when it writes no file. */
  public List<String> of(Action a) {
    try {
      if (a instanceof WriteFile w) {
        return diff(w.path().toString(), rootFile(w.path()), w.content());
      } else if (a instanceof WriteKubeconfig k) {
        return diff(
            "~/.kube/config",
            homeFile(k.user(), k.state(), WorkerRequest.MarkedName.KUBECONFIG),
            k.content());
      } else if (a instanceof DeployLauncher l) {
        return diff(
            "~/start-claude.sh",
            homeFile(l.user(), l.state(), WorkerRequest.MarkedName.LAUNCHER),
            l.content());
      } else if (a instanceof WriteGitCredentials c) {
        return List.of(
            "--- ~/.git-credentials",
            "+++ ~/.git-credentials (planned: one line appended)",
            "+" + c.scheme() + "://" + c.login() + ":" + SecretShapes.REDACTED + "@" + c.host());
      }
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of("(no diff: " + e.getMessage() + ")");
    }
  }

  /** Unified diff of {@code before} → {@code after}, three lines of context, secrets redacted. */
  static List<String> diff(String name, String before, String after) throws IOException {
    List<String> out = new ArrayList<>();
    out.add("--- " + (before.isEmpty() ? "/dev/null" : name));
    out.add("+++ " + name + " (planned)");
    if (before.length() > CAP || after.length() > CAP) {
      out.add("(larger than " + CAP + " bytes: not shown)");
      return out;
    }
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, a, b);
    ByteArrayOutputStream hunks = new ByteArrayOutputStream();
    try (DiffFormatter f = new DiffFormatter(hunks)) {
      f.setContext(3);
      f.format(edits, a, b);
    }
    for (String line : hunks.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        out.add(
            line.startsWith("@@") ? line : line.charAt(0) + SecretShapes.redact(line.substring(1)));
      }
    }
    return out;
  }

  /** A root-owned file as reconcile reads it: regular files only, never through a link. */
  private static String rootFile(Path p) throws IOException {
    Optional<FileInfo> info = FileInfo.lstat(p);
    if (info.isEmpty()) {
      return "";
    }
    if (info.get().type() != FileInfo.Type.FILE) {
      throw new IOException(p + " is not a regular file");
    }
    return Files.size(p) > CAP ? "x".repeat(CAP + 1) : Files.readString(p, StandardCharsets.UTF_8);
  }

  /** Our marked file in a home, read by the user's worker; "" when absent or not ours. */
  private String homeFile(String user, MarkedFile.State state, WorkerRequest.MarkedName which)
      throws IOException {
    if (state != MarkedFile.State.STALE) {
      return "";
    }
    return HostEffects.callAs(user, new WorkerRequest.ReadMarked(which), bound)
        .content()
        .orElse("");
  }
}
