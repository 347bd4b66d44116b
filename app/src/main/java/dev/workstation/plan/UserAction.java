package dev.workstation.plan;

/**
 * An action of one user's: it runs in their lane, and its failure stops only what of theirs depends
 * on it.
 */
public sealed interface UserAction extends Action
    permits CreateAccount,
        AddToGroups,
        CloneInfra,
        WireRemote,
        CloneRepo,
        MigrateLayout,
        HoistRepo,
        EnableUnit,
        DisableUnit,
        LinkConfig,
        DeployLauncher,
        WriteKubeconfig,
        WriteGitCredentials,
        SetGitIdentity,
        MintClaudeToken,
        RevokeClaudeToken,
        MakeClaudeDirs,
        CutUser,
        UncutUser {

  /** The os_user this action is for. */
  String user();

  @Override
  default Owner owner() {
    return Owner.user(user());
  }
}
