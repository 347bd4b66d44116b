package dev.workstation.git;

import dev.workstation.util.Inert;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A message for a commit the CLI makes to the roster repository (onboard, offboard, park, unpark,
 * and anything else that commits text others typed: a {@code --reason}, a name from the identity
 * provider, the invoking user, the host name). Each piece of free text stays in its place: escaped
 * ({@link Inert#text}: control characters, CR and LF become visible escapes), on one line, cut to
 * {@link #MAX} characters. Field labels are two words or more, so no line of the message is a
 * trailer ({@code Token: value}) to git's or JGit's trailer parser, and text in a value can never
 * become one: a {@code --reason} cannot forge {@code Workstation-Allow-Cuts: N}.
 *
 * @param subject what changed (its free parts pass through {@link #line} too)
 */
public record CommitMessage(String subject, List<Field> fields) {
  /** The longest a piece of free text may be in a message, escapes included. */
  public static final int MAX = 200;

  private static final Pattern LABEL = Pattern.compile("[A-Z][a-z]*( [a-z]+)+");

  /** {@code Label words: value}, on one line of its own. */
  public record Field(String label, String value) {
    public Field {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(
            "a field label is two or more words (one word would read as a git trailer): " + label);
      }
    }
  }

  public CommitMessage {
    fields = List.copyOf(fields);
  }

  /**
   * {@code text} as one line of inert text: every control character escaped, surrounding blanks
   * dropped, at most {@link #MAX} characters ({@code …} marks a cut). The one function for free
   * text in a commit message.
   */
  public static String line(String text) {
    String t = Inert.text(text == null ? "" : text.strip());
    if (t.length() <= MAX) {
      return t;
    }
    int cut = Character.isHighSurrogate(t.charAt(MAX - 2)) ? MAX - 2 : MAX - 1;
    return t.substring(0, cut) + "…";
  }

  /** Subject, blank line, one line per field, and a final newline. */
  public String render() {
    StringBuilder b = new StringBuilder(line(subject)).append("\n\n");
    for (Field f : fields) {
      b.append(f.label()).append(": ").append(line(f.value())).append('\n');
    }
    return b.toString();
  }
}
