package dev.workstation.membership;

import dev.workstation.site.MembershipConfig.OsUserFrom;
import dev.workstation.util.Inert;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The group's members after the one check every IdP value passes before the sync uses it: active
 * members with a username the roster can hold, and the refused ones with the reason. A refused
 * member is never written anywhere; it is reported (escaped and shortened) and exits the run 1.
 *
 * @param inactive deactivated accounts: they count as absent
 */
public record Roll(List<Person> people, List<Refused> refused, int inactive) {
  public Roll {
    people = List.copyOf(people);
    refused = List.copyOf(refused);
  }

  /** The IdP username rule the roster shares: it keys {@code <authentik_user>=<os_user>} lines. */
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,150}");

  private static final Pattern EMAIL = Pattern.compile("[^\\s@<>]{1,64}@[^\\s@<>]{1,253}");
  static final int SHOWN = 64;

  /**
   * An active member the sync may act on.
   *
   * @param identity the username's part before any {@code @}: what the roster's {@code
   *     authentik_user} holds (the IdP's usernames may be e-mails; the maps key on the local part)
   * @param osUser the account name a new row would get (from {@code os_user_from})
   * @param shown the display name, shortened; only ever printed through the escaping writers
   */
  public record Person(String username, String identity, String osUser, String shown) {}

  /**
   * A member the sync will not act on.
   *
   * @param shown the username, escaped and shortened
   * @param held the identity a row of theirs would have: such a row is kept, not commented out
   */
  public record Refused(String shown, Optional<String> held, String why) {}

  public static Roll check(IdpGroup group, OsUserFrom from) {
    List<Person> people = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    int inactive = 0;
    for (IdpGroup.Member m : group.members()) {
      if (!m.active()) {
        inactive++;
        continue;
      }
      String u = m.username();
      String local = OsNames.localPart(u);
      Optional<String> held =
          USERNAME.matcher(local).matches() ? Optional.of(local) : Optional.empty();
      if (!USERNAME.matcher(u).matches() || local.isEmpty()) {
        refused.add(
            new Refused(
                shown(u),
                held,
                "the username may hold only letters, digits and . _ @ + - (at most 150)"));
        continue;
      }
      String source = u;
      if (from == OsUserFrom.EMAIL_LOCAL_PART) {
        Optional<String> email = m.email().filter(e -> EMAIL.matcher(e).matches());
        if (email.isEmpty()) {
          refused.add(
              new Refused(
                  shown(u),
                  held,
                  "os_user_from is email-local-part and the member has no usable e-mail address"));
          continue;
        }
        source = email.get();
      }
      people.add(new Person(u, local, OsNames.of(source), shown(m.name())));
    }
    return new Roll(people, refused, inactive);
  }

  /** {@code s} escaped and at most {@value #SHOWN} characters: fit for one line of a report. */
  static String shown(String s) {
    String cut =
        s.codePointCount(0, s.length()) > SHOWN
            ? s.substring(0, s.offsetByCodePoints(0, SHOWN)) + "…"
            : s;
    return Inert.text(cut);
  }
}
