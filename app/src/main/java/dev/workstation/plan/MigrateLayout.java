package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * single → workspace for a user who opted in: {@code ~/code} moves to {@code ~/code/infra} by
 * rename (see {@code layout.Migration}). A root-owned journal in the state dir marks it under way
 * until the last step, so a run killed at any step is finished by the next.
 */
public record MigrateLayout(String user, boolean resuming) implements Action {

  @Override
  public String kind() {
    return "migrate-layout";
  }

  @Override
  public String describe() {
    return (resuming ? "finish the interrupted move of" : "move")
        + " ~/code to ~/code/infra (single → workspace; branches, stashes,"
        + " dirty files and running sessions kept)";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    Path journal = fx.journalDir().resolve(user);
    Files.createDirectories(fx.journalDir());
    if (!Files.exists(journal)) {
      Files.writeString(journal, "migrate single->workspace\n", StandardCharsets.UTF_8);
    }
    fx.worker().call(user, new WorkerRequest.Migrate(java.util.Optional.ofNullable(fx.fault())));
    Files.delete(journal);
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }
}
