package dev.workstation.claudeauth;

import java.util.List;

/**
 * Where the Claude-credentials job keeps things in a user's home (SPEC §6.12), relative to it. Root
 * creates the two directories (0700) and writes {@link #VAULT_TOKEN} through the user's worker; the
 * job, as the user, writes the rest; root reads {@link #RESULT} as hostile input.
 */
public final class ClaudeAuthPaths {
  /** The job's own directory: its Vault token and the setup-token env file. */
  public static final String CONFIG_DIR = ".config/workstation/claude-auth";

  /** The user's scoped Vault token (0600), written by root, read by the job. */
  public static final String VAULT_TOKEN = CONFIG_DIR + "/vault-token";

  /**
   * {@code CLAUDE_CODE_OAUTH_TOKEN=…} (0600) when Vault holds a setup token; the launcher loads it.
   */
  public static final String OAUTH_ENV = CONFIG_DIR + "/oauth.env";

  /** Where the job records what happened. */
  public static final String STATE_DIR = ".local/state/workstation";

  /** The job's result ({@link ClaudeAuthResult}), read by root into status and metrics. */
  public static final String RESULT = STATE_DIR + "/claude-auth.json";

  /** Claude Code's credential directory: the one the job may write to restore a login. */
  public static final String CLAUDE_DIR = ".claude";

  /** Claude Code's credentials: {@code claudeAiOauth} beside other keys (MCP OAuth, …). */
  public static final String CREDENTIALS = CLAUDE_DIR + "/.credentials.json";

  /**
   * The directories the job writes in, which root creates (0700, through the user's worker) and the
   * job's unit makes writable in an otherwise read-only home ({@code ReadWritePaths=}).
   */
  public static final List<String> DIRS = List.of(CLAUDE_DIR, CONFIG_DIR, STATE_DIR);

  private ClaudeAuthPaths() {}
}
