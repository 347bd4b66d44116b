package dev.workstation.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans every declared {@link RootFile} against what the observer read: a {@link WriteFile} where
 * it differs, nothing where it is right, a warning where something the file cannot be built on is
 * in its way. The one compare-and-write for every facet's root files. Pure.
 */
public final class RootFilePlanner {
  private RootFilePlanner() {}

  public static Plan plan(List<RootFile> files, SurfaceFacts seen) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (RootFile f : files) {
      if (!f.gate()) {
        continue;
      }
      String key = f.path().toString();
      String blocked = seen.blocked().get(key);
      Optional<String> current = seen.files().getOrDefault(key, Optional.empty());
      Optional<RootFile.Change> change = f.content().against(current);
      if (change.isEmpty()) {
        continue;
      }
      if (blocked != null && !f.content().replacesUnreadable()) {
        notes.add(Note.warn(f.owner().label(), f.path() + " is " + blocked + "; not replaced"));
        continue;
      }
      actions.add(
          new WriteFile(f.owner(), f.path(), change.get().content(), f.mode(), change.get().why()));
    }
    return new Plan(actions, notes);
  }

  /** What {@code f} holds now as observed, or empty when nothing readable is there. */
  public static Optional<String> current(RootFile f, SurfaceFacts seen) {
    return seen.files().getOrDefault(f.path().toString(), Optional.empty());
  }
}
