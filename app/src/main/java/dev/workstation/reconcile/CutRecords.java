package dev.workstation.reconcile;

import dev.workstation.input.InvalidInputException;
import dev.workstation.plan.CutState;
import dev.workstation.plan.Note;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Dirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state that makes each offboarding cut fire exactly once: the roster last applied (the
 * "before" of the transition) and {@code state_dir/cuts/<user>} — "pending" until the cut is done
 * (so a failed or interrupted cut is retried), then "cut <date>".
 */
public final class CutRecords {
  private CutRecords() {}

  static Path dir(Path stateDir) {
    return stateDir.resolve("cuts");
  }

  static Optional<Roster> appliedRoster(Path stateDir, List<Note> notes) throws IOException {
    Optional<AppliedRoster.Snapshot> snap = new AppliedRoster(stateDir).read();
    if (snap.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RosterParser.parse("applied roster", snap.get().roster()));
    } catch (InvalidInputException e) {
      notes.add(Note.warn("-", "the recorded applied roster cannot be read; no cuts this run"));
      return Optional.empty();
    }
  }

  /** user → state of each user with a cut record. */
  public static Map<String, CutState> states(Path stateDir) throws IOException {
    Map<String, CutState> out = new TreeMap<>();
    if (Files.isDirectory(dir(stateDir))) {
      try (var files = Files.list(dir(stateDir))) {
        for (Path f : files.toList()) {
          out.put(f.getFileName().toString(), CutState.ofRecord(Files.readString(f)));
        }
      }
    }
    return out;
  }

  /** Records each user as pending before acting, so a crash mid-run still cuts them next time. */
  static void markPending(
      Path stateDir, Collection<String> users, Collection<String> alreadyRecorded)
      throws IOException {
    for (String u : users) {
      if (!alreadyRecorded.contains(u)) {
        record(dir(stateDir), u, "pending\n");
      }
    }
  }

  /** A user cut on {@code since} whose account (and home) still wait for {@code --destroy}. */
  public record AwaitingDestroy(String user, String since) {}

  /** Every cut user whose account still exists: what {@code offboard --destroy} may remove. */
  public static List<AwaitingDestroy> awaitingDestroy(Path stateDir) throws IOException {
    List<AwaitingDestroy> out = new java.util.ArrayList<>();
    if (!Files.isDirectory(dir(stateDir))) {
      return out;
    }
    try (var files = Files.list(dir(stateDir))) {
      for (Path f : files.sorted().toList()) {
        String record = Files.readString(f).strip();
        String user = f.getFileName().toString();
        if (CutState.ofRecord(record) == CutState.CUT
            && dev.workstation.host.Nss.user(user).isPresent()) {
          out.add(new AwaitingDestroy(user, record.substring(3).strip()));
        }
      }
    }
    return out;
  }

  static boolean isCut(Path stateDir, String user) throws IOException {
    Path f = dir(stateDir).resolve(user);
    return Files.exists(f) && CutState.ofRecord(Files.readString(f)) == CutState.CUT;
  }

  /**
   * {@code dir/name} holding {@code text}, replaced whole: root's alone (0600 in a 0700 directory),
   * whatever the umask.
   */
  static void record(Path dir, String name, String text) throws IOException {
    Dirs.create(dir, Dirs.PRIVATE);
    AtomicFiles.write(
        dir.resolve(name), text.getBytes(StandardCharsets.UTF_8), AtomicFiles.ROOT_ONLY);
  }

  static void forget(Path stateDir, String user) throws IOException {
    Files.deleteIfExists(dir(stateDir).resolve(user));
  }
}
