package dev.workstation.util;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer for people and logs: whatever is printed goes through {@link Inert#text}, so a hostile
 * value cannot carry a control character to the terminal or start a line of its own. Only {@code
 * println} ends a line (PrintWriter writes that separator straight to the underlying writer, past
 * these overrides). JSON for scripts is written to the underlying writer, never through here.
 */
public final class InertWriter extends PrintWriter {
  public InertWriter(Writer out) {
    super(out, true);
  }

  /**
   * {@code printf}: the format's own {@code %n} ends a line; a line break inside an argument is
   * escaped like any other. The placeholder holds a random nonce, so an argument cannot fake it.
   */
  @Override
  public PrintWriter format(java.util.Locale locale, String format, Object... args) {
    String nl = "\u0000" + java.util.UUID.randomUUID() + "\u0000";
    String text = String.format(locale, format.replaceAll("(?<!%)%n", nl), args);
    String[] lines = text.split(java.util.regex.Pattern.quote(nl), -1);
    for (int i = 0; i < lines.length; i++) {
      print(lines[i]);
      if (i < lines.length - 1) {
        println();
      }
    }
    return this;
  }

  @Override
  public PrintWriter format(String format, Object... args) {
    return format(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT), format, args);
  }

  @Override
  public void write(int c) {
    write(String.valueOf((char) c));
  }

  @Override
  public void write(char[] buf, int off, int len) {
    write(new String(buf, off, len));
  }

  @Override
  public void write(String s, int off, int len) {
    String escaped = Inert.text(s.substring(off, off + len));
    super.write(escaped, 0, escaped.length());
  }
}
