package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.plan.DeployLauncher;
import dev.workstation.plan.Observed;
import dev.workstation.plan.WriteFile;
import dev.workstation.plan.WriteGitCredentials;
import dev.workstation.plan.WriteKubeconfig;
import dev.workstation.util.SecretShapes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * --check --diff}, {@code terraform plan}). What is there now is what the run observed before
 * planning — root's files as the observer read them (no-follow, non-blocking, capped), a stale
 * marked file in a home as that user's worker reported it — so the diff shows the very state the
 * plan was made against, and nothing is read twice. A secret from Vault is never fetched for a
 * diff: its line shows {@code <redacted>}. Pure.
 */
public final class PlanDiff {
  /** Files larger than this are summarized, not diffed. */
  static final int CAP = 1 << 20;

  private final Observed observed;

  /** Diffs against {@code observed}: the snapshot the plan was made from. */
  public PlanDiff(Observed observed) {
    this.observed = observed;
  }

  /** The diff lines for {@code a}; empty when it writes no file. */
  public List<String> of(Action a) {
    try {
      if (a instanceof WriteFile w) {
        String key = w.path().toString();
        String blocked = observed.surface().blocked().get(key);
        if (blocked != null) {
          return List.of("(no diff: " + key + " is " + blocked + ")");
        }
        Optional<String> now = observed.surface().files().getOrDefault(key, Optional.empty());
        return diff(key, now.orElse(""), w.content());
      } else if (a instanceof WriteKubeconfig k) {
        return diff(
            "~/.kube/config", observed.home(k.user()).kubeconfigNow().orElse(""), k.content());
      } else if (a instanceof DeployLauncher l) {
        return diff(
            "~/start-claude.sh", observed.home(l.user()).launcherNow().orElse(""), l.content());
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
}
