package dev.workstation.git;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The options field of an allowed-signers line, as ssh-keygen reads it (sshsig options):
 * comma-separated, no spaces outside double quotes, keywords in any case — {@code cert-authority},
 * {@code namespaces="…"}, {@code valid-after="…"}, {@code valid-before="…"} — each at most once,
 * and every value in double quotes.
 *
 * @param end where the field ends in the line (at a blank or the end)
 */
record SignerOptions(
    boolean certAuthority,
    Optional<String> namespaces,
    Optional<Instant> validAfter,
    Optional<Instant> validBefore,
    int end) {
  static final SignerOptions NONE =
      new SignerOptions(false, Optional.empty(), Optional.empty(), Optional.empty(), 0);

  /** Reads the field that starts at {@code from} in {@code line}. */
  static SignerOptions parse(String line, int from) throws AllowedSignerLine.Malformed {
    Reader r = new Reader(line, from);
    r.options();
    return new SignerOptions(r.ca, r.namespaces, r.after, r.before, r.at);
  }

  private static final class Reader {
    private final String s;
    private int at;
    private boolean ca;
    private Optional<String> namespaces = Optional.empty();
    private Optional<Instant> after = Optional.empty();
    private Optional<Instant> before = Optional.empty();

    Reader(String s, int at) {
      this.s = s;
      this.at = at;
    }

    /** {@code opt[,opt]…}: the keywords ssh-keygen knows, each once, values quoted. */
    private void options() throws AllowedSignerLine.Malformed {
      while (true) {
        int optAt = at;
        if (keyword("cert-authority", false)) {
          ca = true;
        } else if (keyword("namespaces", true)) {
          once(namespaces.isPresent(), optAt, "namespaces");
          String v = quoted(optAt);
          if (v.isEmpty()) {
            throw new AllowedSignerLine.Malformed(optAt + 1, "namespaces is empty");
          }
          namespaces = Optional.of(v);
        } else if (keyword("valid-after", true)) {
          once(after.isPresent(), optAt, "valid-after");
          after = Optional.of(time(quoted(optAt), optAt, "valid-after"));
        } else if (keyword("valid-before", true)) {
          once(before.isPresent(), optAt, "valid-before");
          before = Optional.of(time(quoted(optAt), optAt, "valid-before"));
        } else {
          throw new AllowedSignerLine.Malformed(
              optAt + 1,
              "'"
                  + word()
                  + "' is neither an option git knows (cert-authority, namespaces=, valid-after=,"
                  + " valid-before=) nor an SSH key type");
        }
        if (at == s.length() || AllowedSignerLine.space(s.charAt(at))) {
          break;
        }
        if (s.charAt(at) != ',') {
          throw new AllowedSignerLine.Malformed(
              at + 1, "options are separated by commas, without spaces");
        }
        at++;
      }
      if (after.isPresent() && before.isPresent() && !before.get().isAfter(after.get())) {
        throw new AllowedSignerLine.Malformed(1, "valid-before is not after valid-after");
      }
    }

    private boolean keyword(String name, boolean value) {
      String w = value ? name + "=" : name;
      if (!s.regionMatches(true, at, w, 0, w.length())) {
        return false;
      }
      int end = at + w.length();
      if (!value
          && end < s.length()
          && s.charAt(end) != ','
          && !AllowedSignerLine.space(s.charAt(end))) {
        return false;
      }
      at = end;
      return true;
    }

    private static void once(boolean seen, int at, String name) throws AllowedSignerLine.Malformed {
      if (seen) {
        throw new AllowedSignerLine.Malformed(at + 1, name + " is given twice");
      }
    }

    /** A double-quoted value; {@code \"} is a quote inside it, as ssh-keygen reads it. */
    private String quoted(int optAt) throws AllowedSignerLine.Malformed {
      if (at == s.length() || s.charAt(at) != '"') {
        throw new AllowedSignerLine.Malformed(
            at + 1, "the value must be in double quotes (ssh-keygen refuses it bare)");
      }
      StringBuilder v = new StringBuilder();
      for (at++; at < s.length() && s.charAt(at) != '"'; at++) {
        if (s.charAt(at) == '\\' && at + 1 < s.length() && s.charAt(at + 1) == '"') {
          at++;
        }
        v.append(s.charAt(at));
      }
      if (at == s.length()) {
        throw new AllowedSignerLine.Malformed(optAt + 1, "the quoted value has no closing quote");
      }
      at++;
      return v.toString();
    }

    private static final DateTimeFormatter DAY =
        DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MINUTE =
        DateTimeFormatter.ofPattern("uuuuMMddHHmm").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SECOND =
        DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    /** {@code YYYYMMDD[HHMM[SS]][Z]}: the system's time zone unless it ends in Z, as ssh-keygen. */
    static Instant time(String v, int optAt, String name) throws AllowedSignerLine.Malformed {
      boolean utc = v.endsWith("Z") || v.endsWith("z");
      String t = utc ? v.substring(0, v.length() - 1) : v;
      ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
      try {
        LocalDateTime when =
            switch (t.length()) {
              case 8 -> LocalDate.parse(t, DAY).atStartOfDay();
              case 12 -> LocalDateTime.parse(t, MINUTE);
              case 14 -> LocalDateTime.parse(t, SECOND);
              default -> null;
            };
        if (when != null) {
          return when.atZone(zone).toInstant();
        }
      } catch (DateTimeParseException e) {
        // below
      }
      throw new AllowedSignerLine.Malformed(
          optAt + 1,
          name + " \"" + v + "\" is not a time: YYYYMMDD[HHMM[SS]], Z at the end for UTC");
    }

    private String word() {
      int end = at;
      while (end < s.length()
          && s.charAt(end) != ','
          && s.charAt(end) != '='
          && !AllowedSignerLine.space(s.charAt(end))) {
        end++;
      }
      return s.substring(at, end);
    }
  }
}
