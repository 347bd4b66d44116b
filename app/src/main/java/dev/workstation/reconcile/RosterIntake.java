package dev.workstation.reconcile;

import dev.workstation.input.InvalidInputException;
import dev.workstation.plan.Note;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The roster a run acts on: loaded from its source ({@link RosterLoader}), validated (an invalid
 * roster is never acted on: exit 3), and held back in favour of the last applied one when its blast
 * radius is too wide ({@link BlastRadius}). Every warning about the source becomes a note.
 */
public final class RosterIntake {
  private RosterIntake() {}

  public record Intake(RosterLoader.Loaded loaded, Roster roster, List<Note> notes) {}

  /**
   * @param allowCuts {@code reconcile --allow-cuts N}
   */
  public static Intake take(
      SiteConfig site, Path configPath, Optional<Path> rosterFile, OptionalInt allowCuts)
      throws IOException {
    RosterLoader.Loaded loaded = RosterLoader.load(site, rosterFile, configPath);
    Roster roster = RosterParser.parse(loaded.file(), loaded.bytes()); // invalid → exit 3
    List<Note> notes = new ArrayList<>();
    loaded.warnings().forEach(w -> notes.add(Note.warn("-", w)));
    if (loaded.source().held().isPresent()) {
      return new Intake(loaded, roster, notes); // already the last applied roster
    }
    Optional<AppliedRoster.Snapshot> last = new AppliedRoster(site.stateDir()).read();
    Optional<Roster> applied = Optional.empty();
    if (last.isPresent()) {
      try {
        applied = Optional.of(RosterParser.parse("applied roster", last.get().roster()));
      } catch (InvalidInputException e) {
        notes.add(Note.warn("-", "the recorded applied roster cannot be read; no cut limit"));
      }
    }
    int maxCuts =
        site.roster()
            .map(SiteConfig.RosterSource::maxCuts)
            .orElse(SiteConfig.RosterSource.DEFAULT_MAX_CUTS);
    OptionalInt allowance = allowCuts.isPresent() ? allowCuts : loaded.allowCuts();
    Optional<String> refusal = BlastRadius.refusal(applied, roster, maxCuts, allowance);
    if (refusal.isEmpty()) {
      return new Intake(loaded, roster, notes);
    }
    notes.add(Note.warn("-", refusal.get()));
    RosterLoader.Loaded kept =
        new RosterLoader.Loaded(
            "applied roster",
            last.get().roster(),
            last.get().origin(),
            loaded.committed(),
            loaded.warnings(),
            Optional.empty(),
            "",
            new SourceReport(
                    last.get().verified()
                        ? SourceReport.Trust.VERIFIED
                        : SourceReport.Trust.UNVERIFIED,
                    last.get().commit(),
                    loaded.source().untrusted(),
                    Optional.empty())
                .holding(refusal.get()),
            OptionalInt.empty());
    return new Intake(kept, applied.get(), notes);
  }
}
