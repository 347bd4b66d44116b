package dev.workstation.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML 1.2 document into a positioned {@link YamlNode} tree, with hard limits.
 *
 * <p>Why events and not snakeyaml's composer: the composer recurses per nesting level (a
 * 20,000-deep flow list overflows the stack) and copies nothing about alias expansion that we can
 * bound. Building the tree from the (iterative) event stream lets us cap depth, node count, alias
 * expansion and scalar length deliberately, and report each as a positioned problem.
 *
 * <p>Scalars are typed with the YAML 1.2 core schema: {@code no}, {@code on}, {@code yes} are
 * strings; only {@code true}/{@code false} (and their capitalised forms) are booleans.
 */
public final class YamlLoader {

  /** Bounds on what one input may cost to read. */
  public record Limits(int maxBytes, int maxDepth, long maxNodes, int maxScalarLength) {
    /** Generous for a 20,000-user roster; tiny next to the memory we have. */
    public static final Limits DEFAULT = new Limits(8 << 20, 64, 2_000_000, 64 * 1024);
  }

  private final String file;
  private final Limits limits;
  private final List<Problem> problems = new ArrayList<>();

  private YamlLoader(String file, Limits limits) {
    this.file = file;
    this.limits = limits;
  }

  /**
   * The outcome of a load: every problem found, and the root — null for an empty document or when
   * the text could not be read at all. Local problems (a duplicate key, an odd tag) keep the rest
   * of the tree so callers can report everything else in the same pass.
   */
  public record Result(YamlNode root, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static Result load(String file, byte[] bytes) {
    return load(file, bytes, Limits.DEFAULT);
  }

  public static Result load(String file, byte[] bytes, Limits limits) {
    YamlLoader loader = new YamlLoader(file, limits);
    YamlNode root = loader.read(bytes);
    return new Result(root, List.copyOf(loader.problems));
  }

  /** {@code bytes} as UTF-8 text within the size limit, a leading BOM dropped; null if not. */
  private String text(byte[] bytes) {
    if (bytes.length > limits.maxBytes()) {
      problems.add(
          Problem.whole(
              file,
              "",
              "file is "
                  + bytes.length
                  + " bytes; the limit is "
                  + limits.maxBytes()
                  + " (is this the right file?)"));
      return null;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(Problem.whole(file, "", "not valid UTF-8 text (is this a binary file?)"));
      return null;
    }
    // a UTF-8 byte order mark is allowed at the start, nowhere else
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private YamlNode read(byte[] bytes) {
    String text = text(bytes);
    if (text == null) {
      return null;
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setCodePointLimit(limits.maxBytes())
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            // the whole text in one window: snakeyaml's reader copies its window each time it
            // reads on, and a scanner that peeks ahead through one long token keeps the window
            // from moving, so with its default 1,024-character reads a 2 MB value cost 7.8 GB of
            // copies (quadratic); the text is already in memory and capped at maxBytes
            .setBufferSize(text.length() + 1)
            .build();
    try {
      return new TreeBuilder(file, limits, problems)
          .build(new ParserImpl(settings, new StreamReader(settings, text)));
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String message = firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
      problems.add(
          mark == null
              ? Problem.whole(file, "", "YAML syntax error: " + message)
              : new Problem(
                  file,
                  mark.getLine() + 1,
                  mark.getColumn() + 1,
                  "",
                  "YAML syntax error: " + message));
      return null;
    } catch (org.snakeyaml.engine.v2.exceptions.ReaderException e) {
      int[] pos = lineColumn(text, e.getPosition());
      problems.add(
          new Problem(
              file,
              pos[0],
              pos[1],
              "",
              String.format(
                  "character U+%04X is not allowed in YAML (a control character?)",
                  e.getCodePoint())));
      return null;
    } catch (YamlEngineException e) {
      problems.add(Problem.whole(file, "", "YAML error: " + firstLine(e.getMessage())));
      return null;
    } catch (TreeBuilder.LimitExceeded e) {
      problems.add(new Problem(file, e.line, e.column, "", e.getMessage()));
      return null;
    }
  }

  /** 1-based line and column of a code-point index into {@code text}. */
  private static int[] lineColumn(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0;
        i < text.length() && seen < codePointIndex;
        i = text.offsetByCodePoints(i, 1), seen++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
