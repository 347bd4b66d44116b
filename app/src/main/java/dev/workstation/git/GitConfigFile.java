package dev.workstation.git;

import dev.workstation.host.HomeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A strict reader for one git config file ({@code .git/config}, {@code ~/.gitconfig}), for the
 * paths that only look and run often: {@link RefProbe}, {@link Clones#inspect}, {@link
 * GitIdentity#present}. Sections, quoted subsections, {@code name = value} with git's quoting,
 * escapes and comments. Whatever it does not handle exactly as git does — a continuation line, an
 * include, the old {@code [section.sub]} form, text after a section header, a key without a value,
 * an unknown escape, an unterminated quote, a file over 1 MiB — makes it refuse the whole file, and
 * the caller asks JGit. (JGit's parser is complete, but its start-up costs a short run more than
 * the work: FS detection, system reader, string-concat bootstraps.)
 */
final class GitConfigFile {
  /** section (lower case) → subsection (as written; "" for none) → name (lower case) → values. */
  private final Map<String, Map<String, Map<String, List<String>>>> entries = new LinkedHashMap<>();

  private GitConfigFile() {}

  static final int MAX_BYTES = 1 << 20;

  /**
   * {@code file} parsed; empty when absent, over 1 MiB, or using what this reader does not handle
   * (JGit reads those). A symlink, FIFO, socket or device is {@link HomeFiles.Refused}: no reader
   * may open it.
   */
  static Optional<GitConfigFile> read(Path file) throws IOException {
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) > MAX_BYTES) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = HomeFiles.read(file, MAX_BYTES);
    return bytes.isEmpty()
        ? Optional.empty()
        : parse(new String(bytes.get(), java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The parsed file, or empty when it uses anything this reader does not handle exactly. */
  static Optional<GitConfigFile> parse(String text) {
    GitConfigFile c = new GitConfigFile();
    String section = null;
    String subsection = "";
    for (String raw : text.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
        continue;
      }
      if (t.startsWith("[")) {
        String[] header = header(t);
        if (header == null) {
          return Optional.empty();
        }
        section = header[0];
        subsection = header[1];
        if (section.equals("include") || section.equals("includeif")) {
          return Optional.empty(); // another file's values would count too
        }
        c.entries
            .computeIfAbsent(section, k -> new LinkedHashMap<>())
            .computeIfAbsent(subsection, k -> new LinkedHashMap<>());
        continue;
      }
      if (section == null) {
        return Optional.empty();
      }
      int eq = t.indexOf('=');
      String name = (eq < 0 ? t : t.substring(0, eq)).strip();
      if (!isName(name)) {
        return Optional.empty();
      }
      if (eq < 0) {
        return Optional.empty(); // a key without a value: git reads it as true, JGit as no string
      }
      String value = value(t.substring(eq + 1));
      if (value == null) {
        return Optional.empty();
      }
      c.entries
          .get(section)
          .get(subsection)
          .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(value);
    }
    return Optional.of(c);
  }

  /** {@code [name]} or {@code [name "subsection"]}, nothing after it; null if anything else. */
  private static String[] header(String t) {
    int sp = t.indexOf(' ');
    if (sp < 0) {
      if (!t.endsWith("]")) {
        return null;
      }
      String name = t.substring(1, t.length() - 1);
      return isName(name) ? new String[] {name.toLowerCase(Locale.ROOT), ""} : null;
    }
    String name = t.substring(1, sp);
    String rest = t.substring(sp).stripLeading();
    if (!isName(name) || !rest.startsWith("\"")) {
      return null;
    }
    StringBuilder sub = new StringBuilder();
    int i = 1;
    for (; i < rest.length() && rest.charAt(i) != '"'; i++) {
      char ch = rest.charAt(i);
      if (ch == '\\') {
        if (++i >= rest.length()) {
          return null;
        }
        ch = rest.charAt(i);
        if (ch != '"' && ch != '\\') {
          return null;
        }
      }
      sub.append(ch);
    }
    if (!rest.substring(Math.min(i + 1, rest.length())).equals("]") || i >= rest.length()) {
      return null;
    }
    return new String[] {name.toLowerCase(Locale.ROOT), sub.toString()};
  }

  private static boolean isName(String s) {
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!(ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-'))) {
        return false;
      }
    }
    return true;
  }

  /** A value as git reads it: quotes joined, escapes resolved, comment cut, ends trimmed. */
  private static String value(String s) {
    StringBuilder v = new StringBuilder();
    boolean quoted = false;
    int keep = 0; // length up to the last character that is not unquoted trailing whitespace
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\') {
        if (++i >= s.length()) {
          return null; // a continuation line
        }
        char e = s.charAt(i);
        switch (e) {
          case 'n' -> v.append('\n');
          case 't' -> v.append('\t');
          case 'b' -> v.append('\b');
          case '"', '\\' -> v.append(e);
          default -> {
            return null;
          }
        }
        keep = v.length();
      } else if (ch == '"') {
        quoted = !quoted;
        keep = v.length();
      } else if (!quoted && (ch == '#' || ch == ';')) {
        break;
      } else {
        if (v.length() == 0 && !quoted && Character.isWhitespace(ch)) {
          continue; // leading whitespace
        }
        v.append(ch);
        if (quoted || !Character.isWhitespace(ch)) {
          keep = v.length();
        }
      }
    }
    return quoted ? null : v.substring(0, keep);
  }

  Set<String> sections() {
    return entries.keySet();
  }

  /** Subsections of {@code section} (lower case), as written. */
  Set<String> subsections(String section) {
    Set<String> out = new LinkedHashSet<>(entries.getOrDefault(section, Map.of()).keySet());
    out.remove("");
    return out;
  }

  /** Lower-case names set in {@code [section "subsection"]}. */
  Set<String> names(String section, String subsection) {
    return entries.getOrDefault(section, Map.of()).getOrDefault(subsection, Map.of()).keySet();
  }

  /** Every value of {@code name}, in file order. */
  List<String> values(String section, String subsection, String name) {
    return entries
        .getOrDefault(section, Map.of())
        .getOrDefault(subsection, Map.of())
        .getOrDefault(name, List.of());
  }

  /**
   * The last value of {@code name} (git's rule for single-valued keys); null when unset or empty —
   * as JGit reads it, so the fast path and JGit's never disagree.
   */
  String last(String section, String subsection, String name) {
    List<String> v = values(section, subsection, name);
    return v.isEmpty() || v.get(v.size() - 1).isEmpty() ? null : v.get(v.size() - 1);
  }
}
