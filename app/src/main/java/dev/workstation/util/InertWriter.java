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
