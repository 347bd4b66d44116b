package dev.workstation.roster;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comment-preserving edits of {@code roster.yaml}. The roster is mostly comments recording why
 * people were parked or removed; a parse/re-emit round trip would destroy them, so these edits
 * touch only the lines of the row they are about and keep every other byte identical.
 *
 * <p>Each edit validates the file before and after and throws {@link InvalidInputException}
 * (leaving the caller's file untouched) rather than produce an invalid roster.
 */
public final class RosterEdits {

  /** A row to append; empty lists and absent optionals are simply not written. */
  public record NewRow(
      String osUser,
      String authentikUser,
      String k8sUser,
      Tier tier,
      List<String> namespaces,
      Optional<CodeLayout> layout,
      List<String> repos,
      boolean parked,
      Optional<String> gitName,
      Optional<String> gitEmail,
      Optional<String> forgejoUser) {}

  private RosterEdits() {}

  /** Appends {@code row} at the end of the {@code users:} block. Refuses a live duplicate. */
  public static String addUser(String file, String text, NewRow row) {
    return addUser(file, text, row, Optional.empty());
  }

  /**
   * Appends {@code row} with {@code note} as a comment line just above it (why they were added, as
   * {@link #removeUser} records why they left). Refuses a live duplicate and a note that is not one
   * line.
   */
  public static String addUser(String file, String text, NewRow row, Optional<String> note) {
    note.ifPresent(n -> checkNote(file, n));
    Roster before = RosterParser.parse(file, bytes(text));
    if (before.user(row.osUser()).isPresent()) {
      throw refuse(
          file,
          "users." + row.osUser(),
          "already has a live row; edit it instead of adding another");
    }
    RosterLines lines = new RosterLines(text);
    Mapping users = UsersBlock.usersMapping(file, text);
    String rendered = RowYaml.render(row);
    int indent = users == null ? 2 : users.entries().get(0).key().column() - 1;
    String pad = " ".repeat(indent);
    String block = note.map(n -> pad + "# " + n + lines.eol).orElse("") + pad + rendered;
    String result;
    int usersKey = UsersBlock.usersKeyLine(file, text);
    if (usersKey < 0) {
      result = lines.withTrailingNewline() + "users:" + lines.eol + block + lines.eol;
    } else {
      result = lines.insertAfter(lines.blockEnd(usersKey, 0), block);
    }
    RosterParser.parse(file, bytes(result)); // never hand back an invalid roster
    return result;
  }

  /** 1-based first and last line of the user's live row, or empty when there is none. */
  public static Optional<int[]> rowLines(String file, String text, String osUser) {
    Mapping users = UsersBlock.usersMapping(file, text);
    Entry entry = users == null ? null : UsersBlock.find(users, osUser);
    if (entry == null) {
      return Optional.empty();
    }
    RosterLines lines = new RosterLines(text);
    int start = entry.key().line() - 1;
    int end = lines.blockEnd(start, entry.key().column() - 1);
    return Optional.of(new int[] {start + 1, end + 1});
  }

  /** Comments the user's row out under a dated note. Refuses when there is no live row. */
  public static String removeUser(
      String file, String text, String osUser, String note, LocalDate date) {
    checkNote(file, note);
    RosterParser.parse(file, bytes(text));
    Mapping users = UsersBlock.usersMapping(file, text);
    Entry entry = users == null ? null : UsersBlock.find(users, osUser);
    if (entry == null) {
      throw refuse(file, "users." + osUser, "has no live row (already removed, or never added)");
    }
    RosterLines lines = new RosterLines(text);
    int start = entry.key().line() - 1;
    int indent = entry.key().column() - 1;
    int end = lines.blockEnd(start, indent);
    List<String> out = new ArrayList<>();
    String pad = " ".repeat(indent);
    out.add(pad + "# " + date + " removed " + osUser + ": " + note);
    for (int i = start; i <= end; i++) {
      String body = lines.body(i);
      out.add(
          body.isBlank()
              ? body
              : pad + "# " + body.substring(Math.min(indent, RosterLines.leading(body))));
    }
    String result = lines.replace(start, end, out);
    Roster after = RosterParser.parse(file, bytes(result));
    if (after.user(osUser).isPresent()) {
      throw refuse(
          file, "users." + osUser, "could not be commented out cleanly; edit the file by hand");
    }
    return result;
  }

  /** Sets (or adds) {@code parked: VALUE} in the user's row, touching only that row's lines. */
  public static String setParked(String file, String text, String osUser, boolean parked) {
    Roster before = RosterParser.parse(file, bytes(text));
    UserSpec spec =
        before.user(osUser).orElseThrow(() -> refuse(file, "users." + osUser, "has no live row"));
    if (spec.parked() == parked) {
      return text;
    }
    Mapping users = UsersBlock.usersMapping(file, text);
    Entry entry = UsersBlock.find(users, osUser);
    RosterLines lines = new RosterLines(text);
    int start = entry.key().line() - 1;
    int end = lines.blockEnd(start, entry.key().column() - 1);
    Mapping row = (Mapping) entry.value();
    YamlNode current = row.get("parked");
    String result;
    if (current instanceof YamlNode.Scalar value) {
      // replace the scalar in place: same line, same column, only its characters change
      int li = value.line() - 1;
      String body = lines.body(li);
      int col = value.column() - 1;
      String replaced =
          body.substring(0, col) + parked + body.substring(col + value.value().length());
      result = lines.replace(li, li, List.of(replaced));
    } else if (row.line() == entry.key().line() && start == end) {
      // a one-line flow row: add the field before its closing brace
      String body = lines.body(start);
      int close = closingBrace(body, row.column() - 1);
      if (close < 0) {
        throw refuse(file, "users." + osUser, "row layout not understood; edit parked by hand");
      }
      String head = body.substring(0, close).replaceAll("\\s+$", "");
      String sep = head.endsWith("{") ? "" : ", ";
      result =
          lines.replace(
              start, start, List.of(head + sep + "parked: " + parked + body.substring(close)));
    } else if (row.line() > entry.key().line()) {
      result = lines.insertAfter(end, " ".repeat(row.column() - 1) + "parked: " + parked);
    } else {
      throw refuse(file, "users." + osUser, "row layout not understood; edit parked by hand");
    }
    Roster after = RosterParser.parse(file, bytes(result));
    if (after.user(osUser).map(UserSpec::parked).orElse(!parked) != parked) {
      throw refuse(file, "users." + osUser, "could not set parked cleanly; edit the file by hand");
    }
    return result;
  }

  /** Index of the brace closing the flow mapping that opens at {@code open}, or -1. */
  private static int closingBrace(String line, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return c == '}' ? i : -1;
        }
      }
    }
    return -1;
  }

  private static void checkNote(String file, String note) {
    if (note == null || note.isBlank() || note.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidInputException(
          Problem.whole(
              file,
              "",
              "--note must be one non-empty line (it is written into the roster as a comment)"));
    }
  }

  static InvalidInputException refuse(String file, String path, String message) {
    return new InvalidInputException(Problem.whole(file, path, message));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
