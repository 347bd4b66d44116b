package dev.workstation.git;

import dev.workstation.util.Inert;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A message for a commit the CLI makes to the roster repository (onboard, offboard, park, unpark,
 * membership sync), which carries text others typed: a {@code --reason}, names from the identity
 * provider, the invoking user, the host name. Each piece of free text stays in its place: escaped
 * ({@link Inert#text}: control characters, CR and LF become visible escapes), on one line, cut to
 * {@link #MAX} characters ({@link #line}). No line of the message is shaped like a trailer ({@code
 * Token: value}) for git's or JGit's trailer parser, so free text can never become one — a {@code
 * --reason} cannot forge {@code Workstation-Allow-Cuts: N}. The constructor holds that for every
 * body line, however it was built: {@link #field} (two-word labels), {@link #prose} (a
 * trailer-shaped line is indented) or an empty line between paragraphs.
 *
 * @param subject what changed, one line
 * @param body the lines after the blank line that follows the subject
 */
public record CommitMessage(String subject, List<String> body) {
  /** The longest a piece of free text may be in a message, escapes included. */
  public static final int MAX = 300;

  private static final Pattern LABEL = Pattern.compile("[A-Z][a-z]*( [a-z]+)+");

  /** What git and JGit would read as a trailer: a token of letters, digits and '-', then ':'. */
  private static final Pattern TRAILER = Pattern.compile("[A-Za-z0-9-]+\\s*:.*", Pattern.DOTALL);

  public CommitMessage {
    body = List.copyOf(body);
    for (String l : body) {
      if (Inert.hasControl(l) || TRAILER.matcher(l).matches()) {
        throw new IllegalArgumentException("not a line a CLI commit message may hold: " + l);
      }
    }
    if (Inert.hasControl(subject)) {
      throw new IllegalArgumentException("the subject is one line: " + Inert.text(subject));
    }
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

  /** {@link #line}, indented when it would open like a trailer (an indent makes it prose). */
  public static String prose(String text) {
    String t = line(text);
    return TRAILER.matcher(t).matches() ? "  " + t : t;
  }

  /** {@code Label words: value}: a label of two or more words (one would read as a trailer). */
  public static String field(String label, String value) {
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "a field label is two or more words (one word would read as a git trailer): " + label);
    }
    return label + ": " + line(value);
  }

  /** Subject, blank line, the body lines, and a final newline. */
  public String render() {
    StringBuilder b = new StringBuilder(subject).append("\n\n");
    for (String l : body) {
      b.append(l).append('\n');
    }
    return b.toString();
  }
}
