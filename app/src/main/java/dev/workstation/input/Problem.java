package dev.workstation.input;

/**
 * One thing wrong with an input file, with the place it was found.
 *
 * <p>Rendered as {@code FILE:LINE:COL: PATH: MESSAGE} — the form editors and {@code grep -n} users
 * expect. Line and column are 1-based; 0 means "the whole file".
 */
public record Problem(String file, int line, int column, String path, String message) {

  public static Problem whole(String file, String path, String message) {
    return new Problem(file, 0, 0, path, message);
  }

  public String render() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line).append(':').append(column);
    }
    out.append(": ");
    if (path != null && !path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
