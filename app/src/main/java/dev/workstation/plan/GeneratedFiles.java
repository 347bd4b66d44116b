package dev.workstation.plan;

import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * When a generated file already says what ours would. A box taken over from the original
 * provisioner holds its maps and {@code dispatch.json} in the original's bytes (its own header
 * wording, a trailing blank line from {@code jq -r}); consumers read entries, not bytes, so a file
 * with the same entries is kept rather than rewritten on the first run. Pure.
 */
public final class GeneratedFiles {
  private GeneratedFiles() {}

  /** Same entries: JSON that parses to the same value, or a map with the same non-comment lines. */
  public static boolean sameContent(Path path, String current, String wanted) {
    if (path.getFileName().toString().endsWith(".json")) {
      try {
        return Json.compactSorted(StrictJson.parse(current))
            .equals(Json.compactSorted(StrictJson.parse(wanted)));
      } catch (IllegalArgumentException e) {
        return false; // not JSON: rewrite it
      }
    }
    return entries(current).equals(entries(wanted));
  }

  /** A map's entry lines in order: every line but blanks and {@code #} comments, byte for byte. */
  static List<String> entries(String map) {
    // split on LF only: a CR left on an entry is a difference a consumer would see
    return java.util.Arrays.stream(map.split("\n"))
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
  }

  /** How a file that is kept differs from what we would write, for {@code adopt --check}. */
  public static String difference(String current, String wanted) {
    return current.equals(wanted) ? "identical bytes" : "same entries, other formatting";
  }
}
