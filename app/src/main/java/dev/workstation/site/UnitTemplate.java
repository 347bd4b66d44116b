package dev.workstation.site;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-user unit template from {@code units.per_user}: {@code NAME@} (or {@code NAME@.service}) is
 * the service {@code NAME@<user>.service}; {@code NAME@.timer} is the timer {@code
 * NAME@<user>.timer}. The template file itself ({@link #file()}) belongs to the site.
 *
 * @param prefix the name up to and including {@code @}, e.g. {@code nightly-backup@}
 * @param type {@code service} or {@code timer}
 */
public record UnitTemplate(String prefix, String type) {
  private static final Pattern FORM =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.:-]*@)(?:\\.(service|timer))?");

  /** Parses a {@code per_user} entry; empty when it is not one of the accepted forms. */
  public static Optional<UnitTemplate> parse(String entry) {
    Matcher m = FORM.matcher(entry);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new UnitTemplate(m.group(1), m.group(2) == null ? "service" : m.group(2)));
  }

  /** The instance for {@code user}, e.g. {@code nightly-backup@emo.timer}. */
  public String instance(String user) {
    return prefix + user + "." + type;
  }

  /** The template unit file, e.g. {@code nightly-backup@.timer}. */
  public String file() {
    return prefix + "." + type;
  }

  public boolean isTimer() {
    return type.equals("timer");
  }

  /**
   * For a timer, the service it triggers by default ({@code NAME@<user>.service}): its failed state
   * is the one a parked user's timer leaves behind.
   */
  public Optional<String> triggered(String user) {
    return isTimer() ? Optional.of(prefix + user + ".service") : Optional.empty();
  }

  @Override
  public String toString() {
    return isTimer() ? file() : prefix;
  }
}
