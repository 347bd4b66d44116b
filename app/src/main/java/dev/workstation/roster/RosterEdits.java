package dev.workstation.roster;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@+-]*");
  private static final Pattern SPECIAL =
      Pattern.compile("(?i)null|true|false|yes|no|on|off|y|n|~|[-+]?[0-9].*|\\.inf|\\.nan");

  private RosterEdits() {}

  /** Appends {@code row} at the end of the {@code users:} block. Refuses a live duplicate. */
  public static String addUser(String file, String text, NewRow row) {
    Roster before = RosterParser.parse(file, bytes(text));
    if (before.user(row.osUser()).isPresent()) {
      throw refuse(
          file,
          "users." + row.osUser(),
          "already has a live row; edit it instead of adding another");
    }
    Lines lines = new Lines(text);
    Mapping users = usersMapping(file, text);
    String rendered = render(row);
    String result;
    if (users == null) {
      int usersKey = usersKeyLine(file, text);
      if (usersKey < 0) {
        result = lines.withTrailingNewline() + "users:" + lines.eol + "  " + rendered + lines.eol;
      } else {
        result = lines.insertAfter(lines.blockEnd(usersKey, 0), "  " + rendered);
      }
    } else {
      Entry first = users.entries().get(0);
      int indent = first.key().column() - 1;
      int keyLine = usersKeyLine(file, text);
      result = lines.insertAfter(lines.blockEnd(keyLine, 0), " ".repeat(indent) + rendered);
    }
    RosterParser.parse(file, bytes(result)); // never hand back an invalid roster
    return result;
  }

  /** 1-based first and last line of the user's live row, or empty when there is none. */
  public static Optional<int[]> rowLines(String file, String text, String osUser) {
    Mapping users = usersMapping(file, text);
    Entry entry = users == null ? null : find(users, osUser);
    if (entry == null) {
      return Optional.empty();
    }
    Lines lines = new Lines(text);
    int start = entry.key().line() - 1;
    int end = lines.blockEnd(start, entry.key().column() - 1);
    return Optional.of(new int[] {start + 1, end + 1});
  }

  /** Comments the user's row out under a dated note. Refuses when there is no live row. */
  public static String removeUser(
      String file, String text, String osUser, String note, LocalDate date) {
    checkNote(file, note);
    RosterParser.parse(file, bytes(text));
    Mapping users = usersMapping(file, text);
    Entry entry = users == null ? null : find(users, osUser);
    if (entry == null) {
      throw refuse(file, "users." + osUser, "has no live row (already removed, or never added)");
    }
    Lines lines = new Lines(text);
    int start = entry.key().line() - 1;
    int indent = entry.key().column() - 1;
    int end = lines.blockEnd(start, indent);
    List<String> out = new ArrayList<>();
    String pad = " ".repeat(indent);
    out.add(pad + "# " + date + " removed " + osUser + ": " + note);
    for (int i = start; i <= end; i++) {
      String body = lines.body(i);
      out.add(body.isBlank() ? body : pad + "# " + body.substring(Math.min(indent, leading(body))));
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
    Mapping users = usersMapping(file, text);
    Entry entry = find(users, osUser);
    Lines lines = new Lines(text);
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

  static String render(NewRow row) {
    StringBuilder b = new StringBuilder(scalar(row.osUser())).append(": {");
    b.append("authentik_user: ").append(scalar(row.authentikUser()));
    b.append(", k8s_user: ").append(scalar(row.k8sUser()));
    b.append(", tier: ").append(row.tier().id());
    if (!row.namespaces().isEmpty()) {
      b.append(", namespaces: ").append(list(row.namespaces()));
    }
    row.layout().ifPresent(l -> b.append(", code_layout: ").append(l.id()));
    if (!row.repos().isEmpty()) {
      b.append(", repos: ").append(list(row.repos()));
    }
    if (row.parked()) {
      b.append(", parked: true");
    }
    row.gitName().ifPresent(v -> b.append(", git_name: ").append(scalar(v)));
    row.gitEmail().ifPresent(v -> b.append(", git_email: ").append(scalar(v)));
    row.forgejoUser().ifPresent(v -> b.append(", forgejo_user: ").append(scalar(v)));
    return b.append('}').toString();
  }

  private static String list(List<String> items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(scalar(i)));
    return "[" + String.join(", ", out) + "]";
  }

  /** A value as YAML: plain when unambiguous, else double-quoted with JSON escapes. */
  static String scalar(String v) {
    if (PLAIN.matcher(v).matches() && !SPECIAL.matcher(v).matches()) {
      return v;
    }
    return dev.workstation.util.Json.quote(v);
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

  private static Entry find(Mapping users, String osUser) {
    for (Entry e : users.entries()) {
      if (e.key().value().equals(osUser)) {
        return e;
      }
    }
    return null;
  }

  /** The users mapping (null when absent/empty); refuses a flow-style block it cannot edit. */
  private static Mapping usersMapping(String file, String text) {
    YamlNode root = YamlLoader.load(file, bytes(text)).root();
    if (!(root instanceof Mapping top)
        || !(top.get("users") instanceof Mapping users)
        || users.entries().isEmpty()) {
      return null;
    }
    Entry first = users.entries().get(0);
    if (users.line() == usersKeyLine(file, text) + 1 && first.key().line() == users.line()) {
      throw refuse(
          file,
          "users",
          "is written inline ({...}); write one row per line to edit it with this tool");
    }
    return users;
  }

  /** 0-based line of the top-level {@code users:} key, or -1. */
  private static int usersKeyLine(String file, String text) {
    YamlNode root = YamlLoader.load(file, bytes(text)).root();
    if (root instanceof Mapping top) {
      for (Entry e : top.entries()) {
        if (e.key().value().equals("users")) {
          if (e.key().column() != 1) {
            throw refuse(
                file, "users", "must start at the beginning of its line to be edited by this tool");
          }
          YamlNode v = e.value();
          if (v instanceof YamlNode.Scalar s
              && s.isNull()
              && s.line() == e.key().line()
              && !new Lines(text)
                  .body(s.line() - 1)
                  .replaceAll("#.*", "")
                  .trim()
                  .equals("users:")) {
            throw refuse(
                file, "users", "is set to an explicit null; write 'users:' with rows under it");
          }
          return e.key().line() - 1;
        }
      }
    }
    return -1;
  }

  private static InvalidInputException refuse(String file, String path, String message) {
    return new InvalidInputException(Problem.whole(file, path, message));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static int leading(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** The file as lines, each kept with its own terminator so untouched bytes stay identical. */
  private static final class Lines {
    final List<String> raw = new ArrayList<>();
    final String eol;

    Lines(String text) {
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          raw.add(text.substring(start, i + 1));
          start = i + 1;
        }
      }
      if (start < text.length()) {
        raw.add(text.substring(start));
      }
      eol = text.contains("\r\n") ? "\r\n" : "\n";
    }

    String body(int i) {
      String l = raw.get(i);
      int cut = l.endsWith("\r\n") ? 2 : l.endsWith("\n") ? 1 : 0;
      return l.substring(0, l.length() - cut);
    }

    boolean isContent(int i) {
      String t = body(i).strip();
      return !t.isEmpty() && !t.startsWith("#");
    }

    /**
     * The last line of the block that starts at {@code start}: following lines belong to it while
     * they are more indented than {@code indent}; blank and comment lines belong to it only when
     * more of the block follows them — except at the very end of a top-level block, where trailing
     * comments (commented-out rows) are kept inside so appends land after them.
     */
    int blockEnd(int start, int indent) {
      int end = start;
      for (int i = start + 1; i < raw.size(); i++) {
        if (isContent(i)) {
          if (leading(body(i)) <= indent) {
            break;
          }
          end = i;
        } else if (indent == 0 && !body(i).isBlank() && leading(body(i)) > 0) {
          end = i; // an indented comment inside the users block (e.g. a commented-out row)
        }
      }
      return end;
    }

    String withTrailingNewline() {
      String all = String.join("", raw);
      return all.isEmpty() || all.endsWith("\n") ? all : all + eol;
    }

    String insertAfter(int line, String newLine) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < raw.size(); i++) {
        String l = raw.get(i);
        if (i == line && !l.endsWith("\n")) {
          l = l + eol;
        }
        out.append(l);
        if (i == line) {
          out.append(newLine).append(eol);
        }
      }
      return out.toString();
    }

    String replace(int from, int to, List<String> with) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < from; i++) {
        out.append(raw.get(i));
      }
      String lastEol =
          raw.get(to).endsWith("\r\n") ? "\r\n" : raw.get(to).endsWith("\n") ? "\n" : "";
      for (int i = 0; i < with.size(); i++) {
        out.append(with.get(i)).append(i < with.size() - 1 ? eol : lastEol);
      }
      for (int i = to + 1; i < raw.size(); i++) {
        out.append(raw.get(i));
      }
      return out.toString();
    }
  }
}
