package dev.workstation.membership;

import java.util.List;
import java.util.Optional;

/**
 * One group as the identity provider returned it. Every value is hostile until {@link Roll} has
 * checked it: a username, display name or e-mail can hold anything the IdP let someone type.
 */
public record IdpGroup(String name, List<Member> members) {
  public IdpGroup {
    members = List.copyOf(members);
  }

  /**
   * A member as returned ({@code users_obj} of Authentik's {@code GroupMember}).
   *
   * @param name the display name: shown (escaped, shortened), never written anywhere
   * @param active false for a deactivated account, which counts as absent
   */
  public record Member(
      long pk, String username, String name, Optional<String> email, boolean active) {}
}
