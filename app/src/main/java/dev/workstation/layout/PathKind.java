package dev.workstation.layout;

import java.util.Locale;

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
}
