package dev.workstation.input;

import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.input.YamlNode.ScalarType;
import dev.workstation.input.YamlNode.Sequence;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
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

  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final String CORE = "tag:yaml.org,2002:";

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

  private YamlNode read(byte[] bytes) {
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
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a UTF-8 byte order mark is allowed at the start, nowhere else
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setCodePointLimit(limits.maxBytes())
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .build();
    try {
      return build(new ParserImpl(settings, new StreamReader(settings, text)));
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
    } catch (LimitExceeded e) {
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

  /** A collection being built: its children so far. */
  private static final class Frame {
    final CollectionStartEvent start;
    final boolean mapping;
    final String path;
    final List<YamlNode> items = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    final Map<String, Scalar> keys = new HashMap<>();
    Scalar pendingKey;
    boolean skipValue;
    long size = 1;

    Frame(CollectionStartEvent start, boolean mapping, String path) {
      this.start = start;
      this.mapping = mapping;
      this.path = path;
    }

    /** The path of the node that comes next in this collection, for messages. */
    String childPath() {
      if (!mapping) {
        return path + "[" + items.size() + "]";
      }
      String key = pendingKey == null ? "" : pendingKey.value();
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  private static final class LimitExceeded extends RuntimeException {
    final int line;
    final int column;

    LimitExceeded(String message, int line, int column) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }
  }

  private YamlNode build(ParserImpl parser) {
    Deque<Frame> stack = new ArrayDeque<>();
    Map<String, YamlNode> anchors = new HashMap<>();
    YamlNode root = null;
    int documents = 0;
    long nodes = 0;
    while (parser.hasNext()) {
      Event event = parser.next();
      YamlNode finished = null;
      switch (event.getEventId()) {
        case DocumentStart -> {
          documents++;
          if (documents > 1) {
            int[] pos = pos(event);
            problems.add(
                new Problem(
                    file,
                    pos[0],
                    pos[1],
                    "",
                    "more than one YAML document; put everything in one"));
            return null;
          }
        }
        case MappingStart, SequenceStart -> {
          CollectionStartEvent start = (CollectionStartEvent) event;
          checkTag(
              start.getTag(),
              start,
              start instanceof org.snakeyaml.engine.v2.events.MappingStartEvent);
          if (stack.size() >= limits.maxDepth()) {
            int[] pos = pos(event);
            throw new LimitExceeded(
                "nesting deeper than " + limits.maxDepth() + " levels", pos[0], pos[1]);
          }
          String path = stack.isEmpty() ? "" : stack.peek().childPath();
          stack.push(new Frame(start, event.getEventId() == Event.ID.MappingStart, path));
        }
        case MappingEnd, SequenceEnd -> {
          Frame frame = stack.pop();
          int[] pos = pos(frame.start);
          finished =
              frame.mapping
                  ? new Mapping(List.copyOf(frame.entries), pos[0], pos[1], frame.size)
                  : new Sequence(List.copyOf(frame.items), pos[0], pos[1], frame.size);
          remember(anchors, frame.start, finished);
        }
        case Scalar -> {
          ScalarEvent scalar = (ScalarEvent) event;
          if (scalar.getValue().length() > limits.maxScalarLength()) {
            int[] pos = pos(event);
            throw new LimitExceeded(
                "value is "
                    + scalar.getValue().length()
                    + " characters; the limit is "
                    + limits.maxScalarLength(),
                pos[0],
                pos[1]);
          }
          finished = scalar(scalar);
          remember(anchors, scalar, finished);
        }
        case Alias -> {
          AliasEvent alias = (AliasEvent) event;
          String name = alias.getAlias().getValue();
          finished = anchors.get(name);
          if (finished == null) {
            int[] pos = pos(event);
            problems.add(
                new Problem(file, pos[0], pos[1], "", "alias *" + name + " has no anchor"));
            return null;
          }
        }
        default -> {}
      }
      if (finished == null) {
        continue;
      }
      nodes += finished.expandedSize();
      if (nodes > limits.maxNodes() || finished.expandedSize() > limits.maxNodes()) {
        int[] pos = pos(event);
        throw new LimitExceeded(
            "document expands to more than "
                + limits.maxNodes()
                + " nodes (an alias bomb?); aliases may not multiply content",
            pos[0],
            pos[1]);
      }
      if (stack.isEmpty()) {
        root = finished;
      } else {
        add(stack.peek(), finished, event);
      }
    }
    return root;
  }

  private void add(Frame frame, YamlNode node, Event event) {
    frame.size += node.expandedSize();
    if (frame.size > limits.maxNodes()) {
      int[] pos = pos(event);
      throw new LimitExceeded(
          "document expands to more than "
              + limits.maxNodes()
              + " nodes (an alias bomb?); aliases may not multiply content",
          pos[0],
          pos[1]);
    }
    if (!frame.mapping) {
      frame.items.add(node);
      return;
    }
    if (frame.pendingKey == null && !frame.skipValue) {
      if (!(node instanceof Scalar key) || key.isNull()) {
        problems.add(
            new Problem(
                file,
                node.line(),
                node.column(),
                frame.path,
                "a mapping key must be a plain name, not " + node.describe()));
        frame.skipValue = true;
        return;
      }
      Scalar first = frame.keys.putIfAbsent(key.value(), key);
      if (first != null) {
        String at = frame.path.isEmpty() ? key.value() : frame.path + "." + key.value();
        problems.add(
            new Problem(
                file,
                key.line(),
                key.column(),
                at,
                "duplicate key '" + key.value() + "' (first at line " + first.line() + ")"));
        frame.skipValue = true;
        return;
      }
      frame.pendingKey = key;
      return;
    }
    if (frame.skipValue) {
      frame.skipValue = false;
      return;
    }
    frame.entries.add(new Entry(frame.pendingKey, node));
    frame.pendingKey = null;
  }

  private void remember(Map<String, YamlNode> anchors, NodeEvent event, YamlNode node) {
    event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), node));
  }

  private Scalar scalar(ScalarEvent event) {
    int[] pos = pos(event);
    String value = event.getValue();
    Optional<String> tag = event.getTag().filter(t -> !t.equals("!"));
    if (tag.isPresent()) {
      ScalarType declared = declaredType(tag.get(), event);
      return new Scalar(value, declared, pos[0], pos[1]);
    }
    if (!event.isPlain()) {
      return new Scalar(value, ScalarType.STRING, pos[0], pos[1]);
    }
    ScalarType type;
    if (NULL.matcher(value).matches()) {
      type = ScalarType.NULL;
    } else if (BOOL.matcher(value).matches()) {
      type = ScalarType.BOOL;
    } else if (INT.matcher(value).matches()) {
      type = ScalarType.INT;
    } else if (FLOAT.matcher(value).matches()) {
      type = ScalarType.FLOAT;
    } else {
      type = ScalarType.STRING;
    }
    return new Scalar(value, type, pos[0], pos[1]);
  }

  private ScalarType declaredType(String tag, Event event) {
    switch (tag) {
      case CORE + "str":
        return ScalarType.STRING;
      case CORE + "bool":
        return ScalarType.BOOL;
      case CORE + "int":
        return ScalarType.INT;
      case CORE + "float":
        return ScalarType.FLOAT;
      case CORE + "null":
        return ScalarType.NULL;
      default:
        int[] pos = pos(event);
        problems.add(new Problem(file, pos[0], pos[1], "", "unsupported YAML tag " + tag));
        return ScalarType.STRING;
    }
  }

  private void checkTag(Optional<String> tag, Event event, boolean mapping) {
    if (tag.isEmpty()) {
      return;
    }
    String expected = CORE + (mapping ? "map" : "seq");
    if (!tag.get().equals(expected)) {
      int[] pos = pos(event);
      problems.add(new Problem(file, pos[0], pos[1], "", "unsupported YAML tag " + tag.get()));
    }
  }

  private static int[] pos(Event event) {
    return event
        .getStartMark()
        .map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1})
        .orElse(new int[] {0, 0});
  }
}
