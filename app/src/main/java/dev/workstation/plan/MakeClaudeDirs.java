package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;
import java.util.Optional;

/**
 * Make the Claude-credentials job's missing directories in a user's home (0700, through their
 * worker): its unit leaves the home read-only but for them, so the job cannot make them itself.
 */
public record MakeClaudeDirs(String user, List<String> dirs) implements UserAction {
  public MakeClaudeDirs {
    dirs = List.copyOf(dirs);
  }

  @Override
  public String kind() {
    return "make-claude-dirs";
  }

  @Override
  public String describe() {
    return "create ~/" + String.join(", ~/", dirs) + " (0700) for the Claude login job";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.worker().call(user, new WorkerRequest.ClaudeAuthHome(Optional.empty()));
  }
}
