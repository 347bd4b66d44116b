package dev.workstation.cli;

import dev.workstation.claudesync.ClaudeAuthSync;
import dev.workstation.claudesync.SyncArgs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code workstation claude-auth …}: the users' Claude credentials (SPEC §6.12). */
@Command(
    name = "claude-auth",
    mixinStandardHelpOptions = true,
    description = "Each user's Claude Code login: checked, backed up to Vault, restored.",
    subcommands = {ClaudeAuthCommand.Sync.class})
final class ClaudeAuthCommand {

  /**
   * {@code workstation claude-auth sync}: what the user's timer runs. Its plain command line never
   * reaches picocli ({@link Main} hands it to {@link ClaudeAuthSync} directly); this class gives it
   * help, completion and the man page, and runs any other spelling.
   */
  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "As the calling user (their workstation-claude-auth@ timer runs it every 6 hours): check",
        "the Vault token in ~/.config/workstation/claude-auth/vault-token is theirs and renew it;",
        "if their Vault path holds a setup_token, write it for the launcher; otherwise check the",
        "login in ~/.claude/.credentials.json, back it up to Vault when it works, restore it once",
        "from there when it does not. Records the result in",
        "~/.local/state/workstation/claude-auth.json. Exit 0 when the login works, 1 when not."
      })
  static final class Sync extends Subcommand implements Callable<Integer> {
    @Override
    public Integer call() {
      return ClaudeAuthSync.run(new SyncArgs(root().config, json()), jsonOut());
    }
  }
}
