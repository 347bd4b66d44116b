package dev.workstation.plan;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * One root-owned file a facet wants — "this file should hold these bytes with this mode", written
 * once for every facet (like a JOSDK dependent resource: desired, compared with what was observed,
 * written only when they differ). A facet lists its files ({@link Planner#rootFiles}); the observer
 * reads each path once (no-follow, non-blocking, capped) into {@link SurfaceFacts}; {@link
 * RootFilePlanner} plans a {@link WriteFile} for each one that differs, in its owner's lane or
 * phase.
 *
 * @param owner a user's file runs in their lane (a failure is theirs alone); a machine file in its
 *     phase
 * @param mode the file's permissions, e.g. {@code rw-r--r--}: it is created with them
 * @param gate whether this run writes it: false for a file a facet declares but does not write now
 *     (the maps on a {@code --user} run, the env files without {@code units:}); it is still
 *     observed, and {@code roster derive} still shows what it would hold
 * @param content what the file should hold, given what it holds now
 */
public record RootFile(Owner owner, Path path, String mode, boolean gate, Content content) {

  /** What a file should hold, given what it holds now. */
  public sealed interface Content {
    /**
     * The write {@code current} needs ({@code current} is empty when nothing readable is there), or
     * empty when the file already says what it should.
     */
    Optional<Change> against(Optional<String> current);

    /**
     * Whether something other than regular UTF-8 text at the path (a link, a FIFO, binary) is
     * replaced. Only when the wanted bytes do not depend on what is there: content built from the
     * current file, or judged by its entries, cannot be computed from what cannot be read, so the
     * file is left and the plan says why.
     */
    boolean replacesUnreadable();
  }

  /** A write: the new content and, for plan and logs, why. */
  public record Change(String content, String why) {}

  /** Exactly these bytes (the managed layer, {@code /etc/skel}, a drop-in). */
  public record Exact(String text, String why) implements Content {
    @Override
    public Optional<Change> against(Optional<String> current) {
      return current.filter(text::equals).isPresent()
          ? Optional.empty()
          : Optional.of(new Change(text, why));
    }

    @Override
    public boolean replacesUnreadable() {
      return true;
    }
  }

  /**
   * These entries: a file that says the same in other formatting is kept ({@link
   * GeneratedFiles#sameContent}: the maps, {@code dispatch.json}).
   */
  public record Entries(Path path, String text, String why) implements Content {
    @Override
    public Optional<Change> against(Optional<String> current) {
      return current.filter(c -> GeneratedFiles.sameContent(path, c, text)).isPresent()
          ? Optional.empty()
          : Optional.of(new Change(text, why));
    }

    @Override
    public boolean replacesUnreadable() {
      return false;
    }
  }

  /** An edit of what is there (an env file: the pools' keys set, every other line kept). */
  public record Edited(Function<String, EnvFileEdit> edit) implements Content {
    @Override
    public Optional<Change> against(Optional<String> current) {
      EnvFileEdit e = edit.apply(current.orElse(""));
      return e.rewritten() ? Optional.of(new Change(e.content(), e.describe())) : Optional.empty();
    }

    @Override
    public boolean replacesUnreadable() {
      return false;
    }
  }

  /** A file of exactly {@code text}. */
  public static RootFile exact(
      Owner owner, Path path, String mode, boolean gate, String text, String why) {
    return new RootFile(owner, path, mode, gate, new Exact(text, why));
  }

  /** A generated file judged by its entries. */
  public static RootFile entries(
      Owner owner, Path path, String mode, boolean gate, String text, String why) {
    return new RootFile(owner, path, mode, gate, new Entries(path, text, why));
  }
}
