package dev.workstation.layout;

import java.util.Locale;
import java.util.Optional;

/** What a path in a home is, seen without following a link. */
public enum PathKind {
  /** Nothing there. */
  ABSENT,
  /** A directory with a {@code .git} directory in it. */
  CLONE,
  /** Any other directory. */
  DIR,
  /** A symlink (never followed). */
  SYMLINK,
  /** A file, FIFO, socket or device. */
  OTHER;

  /** The word the worker protocol and the notes carry: {@code absent}, {@code clone}, … */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind {@code word} names, if any. */
  public static Optional<PathKind> ofWord(String word) {
    for (PathKind k : values()) {
      if (k.word().equals(word)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
