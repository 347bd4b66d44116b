package dev.workstation.membership;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A unified diff of two texts (JGit's histogram diff), for the dry run's "what would change". */
final class TextDiff {
  private TextDiff() {}

  static String unified(String name, String before, String after) {
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, a, b);
    ByteArrayOutputStream hunks = new ByteArrayOutputStream();
    try (DiffFormatter f = new DiffFormatter(hunks)) {
      f.format(edits, a, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "--- a/" + name + "\n+++ b/" + name + "\n" + hunks.toString(StandardCharsets.UTF_8);
  }
}
