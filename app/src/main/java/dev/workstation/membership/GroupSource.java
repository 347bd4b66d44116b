package dev.workstation.membership;

import java.util.List;

/** The identity provider's side of the sync: the groups it returns for one exact name. */
public interface GroupSource {
  /**
   * Every group the IdP returns for {@code name}, every page of them, each with its members.
   *
   * @throws IdpException when the IdP is unreachable, refuses the token, or answers something that
   *     is not the documented shape; the message names the IdP and why, never the token
   */
  List<IdpGroup> groups(String name) throws IdpException;
}
