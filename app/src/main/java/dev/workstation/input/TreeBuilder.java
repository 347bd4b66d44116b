package dev.workstation.input;

import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.input.YamlNode.Sequence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.parser.ParserImpl;

/**
 * Builds the positioned {@link YamlNode} tree from snakeyaml's (iterative) event stream, counting
 * depth, nodes and alias expansion as it goes: past a limit it throws {@link LimitExceeded}; a
 * local problem (a duplicate key, an odd key, a missing anchor) is recorded.
 */
final class TreeBuilder {
  private final String file;
  private final YamlLoader.Limits limits;
  private final List<Problem> problems;
  private final ScalarTyper typer;

  TreeBuilder(String file, YamlLoader.Limits limits, List<Problem> problems) {
    this.file = file;
    this.limits = limits;
    this.problems = problems;
    this.typer = new ScalarTyper(file, problems);
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

  static final class LimitExceeded extends RuntimeException {
    final int line;
    final int column;

    LimitExceeded(String message, int line, int column) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }
  }

  /** A problem that ends the build (it was recorded): the tree cannot be built. */
  private static final class Unbuildable extends RuntimeException {}

  /** The tree of the one document {@code parser} reads; null when it cannot be built. */
  YamlNode build(ParserImpl parser) {
    Deque<Frame> stack = new ArrayDeque<>();
    Map<String, YamlNode> anchors = new HashMap<>();
    YamlNode root = null;
    int documents = 0;
    long nodes = 0;
    try {
      while (parser.hasNext()) {
        Event event = parser.next();
        if (event.getEventId() == Event.ID.DocumentStart && ++documents > 1) {
          throw refuse(event, "more than one YAML document; put everything in one");
        }
        YamlNode finished = node(event, stack, anchors);
        if (finished == null) {
          continue;
        }
        nodes += finished.expandedSize();
        if (nodes > limits.maxNodes() || finished.expandedSize() > limits.maxNodes()) {
          throw tooManyNodes(event);
        }
        if (stack.isEmpty()) {
          root = finished;
        } else {
          add(stack.peek(), finished, event);
        }
      }
    } catch (Unbuildable e) {
      return null;
    }
    return root;
  }

  /** The node {@code event} finishes, if it finishes one; a collection's start opens a frame. */
  private YamlNode node(Event event, Deque<Frame> stack, Map<String, YamlNode> anchors) {
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> {
        open((CollectionStartEvent) event, stack);
        return null;
      }
      case MappingEnd, SequenceEnd -> {
        Frame frame = stack.pop();
        int[] pos = pos(frame.start);
        YamlNode done =
            frame.mapping
                ? new Mapping(List.copyOf(frame.entries), pos[0], pos[1], frame.size)
                : new Sequence(List.copyOf(frame.items), pos[0], pos[1], frame.size);
        remember(anchors, frame.start, done);
        return done;
      }
      case Scalar -> {
        return scalar((ScalarEvent) event, anchors);
      }
      case Alias -> {
        String name = ((AliasEvent) event).getAlias().getValue();
        YamlNode target = anchors.get(name);
        if (target == null) {
          throw refuse(event, "alias *" + name + " has no anchor");
        }
        return target;
      }
      default -> {
        return null;
      }
    }
  }

  private void open(CollectionStartEvent start, Deque<Frame> stack) {
    typer.checkTag(
        start.getTag(), start, start instanceof org.snakeyaml.engine.v2.events.MappingStartEvent);
    if (stack.size() >= limits.maxDepth()) {
      int[] pos = pos(start);
      throw new LimitExceeded(
          "nesting deeper than " + limits.maxDepth() + " levels", pos[0], pos[1]);
    }
    String path = stack.isEmpty() ? "" : stack.peek().childPath();
    stack.push(new Frame(start, start.getEventId() == Event.ID.MappingStart, path));
  }

  private YamlNode scalar(ScalarEvent scalar, Map<String, YamlNode> anchors) {
    if (scalar.getValue().length() > limits.maxScalarLength()) {
      int[] pos = pos(scalar);
      throw new LimitExceeded(
          "value is "
              + scalar.getValue().length()
              + " characters; the limit is "
              + limits.maxScalarLength(),
          pos[0],
          pos[1]);
    }
    YamlNode node = typer.scalar(scalar);
    remember(anchors, scalar, node);
    return node;
  }

  /** Records {@code message} at {@code event}; the build stops. */
  private Unbuildable refuse(Event event, String message) {
    int[] pos = pos(event);
    problems.add(new Problem(file, pos[0], pos[1], "", message));
    return new Unbuildable();
  }

  private LimitExceeded tooManyNodes(Event event) {
    int[] pos = pos(event);
    return new LimitExceeded(
        "document expands to more than "
            + limits.maxNodes()
            + " nodes (an alias bomb?); aliases may not multiply content",
        pos[0],
        pos[1]);
  }

  private void add(Frame frame, YamlNode node, Event event) {
    frame.size += node.expandedSize();
    if (frame.size > limits.maxNodes()) {
      throw tooManyNodes(event);
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

  private static void remember(Map<String, YamlNode> anchors, NodeEvent event, YamlNode node) {
    event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), node));
  }

  static int[] pos(Event event) {
    return event
        .getStartMark()
        .map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1})
        .orElse(new int[] {0, 0});
  }
}
