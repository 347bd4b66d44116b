package dev.workstation.roster;

import java.util.ArrayList;
import java.util.List;

/** The file as lines, each kept with its own terminator so untouched bytes stay identical. */
final class RosterLines {
  final List<String> raw = new ArrayList<>();
  final String eol;

  RosterLines(String text) {
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
   * they are more indented than {@code indent}; blank and comment lines belong to it only when more
   * of the block follows them — except at the very end of a top-level block, where trailing
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
    String lastEol = raw.get(to).endsWith("\r\n") ? "\r\n" : raw.get(to).endsWith("\n") ? "\n" : "";
    for (int i = 0; i < with.size(); i++) {
      out.append(with.get(i)).append(i < with.size() - 1 ? eol : lastEol);
    }
    for (int i = to + 1; i < raw.size(); i++) {
      out.append(raw.get(i));
    }
    return out.toString();
  }

  static int leading(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
