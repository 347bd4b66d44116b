package dev.workstation.util;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer for people and logs: whatever is printed goes through {@link Inert#text}, so a hostile
 * value cannot carry a control character to the terminal or start a line of its own. Only {@code
 * println} ends a line (PrintWriter writes that separator straight to the underlying writer, past
 * these overrides). {@code printf}/{@code format} escape each argument instead and keep the format
 * string's own {@code %n} (the format is code; the arguments are the values). JSON for scripts is
 * written to the underlying writer, never through here.
 */
public final class InertWriter extends PrintWriter {
  public InertWriter(Writer out) {
    super(out, true);
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
  public PrintWriter format(String format, Object... args) {
    return format(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT), format, args);
  }

  @Override
  public PrintWriter format(java.util.Locale l, String format, Object... args) {
    Object[] inert = new Object[args == null ? 0 : args.length];
    for (int i = 0; i < inert.length; i++) {
      Object a = args[i];
      inert[i] =
          a == null || a instanceof Number || a instanceof Boolean ? a : Inert.text(a.toString());
    }
    String formatted = String.format(l, format, inert);
    super.write(formatted, 0, formatted.length()); // already inert: only the format's own %n
    flush();
    return this;
  }

  @Override
  public void write(String s, int off, int len) {
    String escaped = Inert.text(s.substring(off, off + len));
    super.write(escaped, 0, escaped.length());
  }
}
