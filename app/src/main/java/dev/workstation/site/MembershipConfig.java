package dev.workstation.site;

import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code membership:} (SPEC §6.13): the identity provider's group that lists who has access, and
 * the floor row a new member gets.
 *
 * @param url the IdP's base URL ({@code https://authentik.example})
 * @param group the group's exact name
 * @param tokenFile a root-owned file holding the API token (sent as a bearer token)
 * @param announceUrl where each change is posted as JSON {@code {"text": …}}; a secret of its own
 *     (a chat webhook URL carries its token), so it is never printed
 */
public record MembershipConfig(
    String url,
    String group,
    Path tokenFile,
    OsUserFrom osUserFrom,
    Floor floor,
    Optional<String> announceUrl) {

  /** Where a new member's account name comes from (sanitised either way). */
  public enum OsUserFrom {
    USERNAME("username"),
    EMAIL_LOCAL_PART("email-local-part");

    private final String id;

    OsUserFrom(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * The row a member with no live row gets: never above what an admin chose as the floor.
   *
   * @param namespaces templates; {@value #OS_USER} becomes the new account name, made a valid
   *     namespace name
   */
  public record Floor(Tier tier, List<String> namespaces, Optional<CodeLayout> layout) {
    public static final String OS_USER = "{os_user}";

    public Floor {
      namespaces = List.copyOf(namespaces);
    }

    /** The namespaces for {@code osUser}: each template with the name made a DNS-1123 label. */
    public List<String> namespacesFor(String osUser) {
      String label = osUser.replace('_', '-').replaceAll("^-+", "");
      String shortened = label.substring(0, Math.min(label.length(), 63));
      return namespaces.stream()
          .map(t -> t.replace(OS_USER, shortened))
          .map(ns -> ns.length() > 63 ? ns.substring(0, 63) : ns)
          .map(ns -> ns.replaceAll("-+$", ""))
          .toList();
    }
  }
}
