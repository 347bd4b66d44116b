package dev.workstation.plan;

import java.util.ArrayList;
import java.util.List;

/** The ordered actions of a run, and the notes that go with them. */
public record Plan(List<Action> actions, List<Note> notes) {
  public Plan {
    actions = List.copyOf(actions);
    notes = List.copyOf(notes);
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  public Plan and(Plan other) {
    List<Action> a = new ArrayList<>(actions);
    a.addAll(other.actions);
    List<Note> n = new ArrayList<>(notes);
    n.addAll(other.notes);
    return new Plan(a, n);
  }
}
