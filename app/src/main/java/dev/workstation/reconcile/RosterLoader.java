package dev.workstation.reconcile;

import dev.workstation.git.RosterMirror;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where this run's roster comes from: {@code --roster FILE} (trying a roster before committing it),
 * else the committed branch of the roster repository, else — when the fetch fails — the last
 * applied roster, said out loud.
 */
public final class RosterLoader {

  /** The roster bytes, a name for messages, where they came from, and any warning about it. */
  public record Loaded(
      String file,
      byte[] bytes,
      String origin,
      boolean committed,
      Optional<String> warning,
      Optional<byte[]> managedSettings,
      String managedSettingsName,
      Optional<List<String>> lineAuthors) {}

  /** Said in the warning of a run that could not fetch and uses the last applied roster. */
  public static final String FELL_BACK = "using the last applied roster";

  private RosterLoader() {}

  public static Loaded load(SiteConfig site, Optional<Path> localFile, Path configPath)
      throws IOException {
    if (localFile.isPresent()) {
      Path f = localFile.get();
      try {
        return new Loaded(
            f.toString(),
            Files.readAllBytes(f),
            "file " + f,
            false,
            Optional.empty(),
            Optional.empty(),
            "",
            Optional.empty());
      } catch (NoSuchFileException e) {
        throw new InvalidInputException(Problem.whole(f.toString(), "", "file not found"));
      }
    }
    SiteConfig.RosterSource source =
        site.roster()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        Problem.whole(
                            configPath.toString(),
                            "roster",
                            "no roster source configured; add a roster: section (url, branch, path) or pass --roster FILE")));
    RosterMirror mirror =
        new RosterMirror(
            source, site.stateDir(), (int) Math.max(5, site.freshen().timeout().toSeconds()));
    String name = source.url() + "@" + source.branch() + ":" + source.path();
    try {
      RosterMirror.Committed c = mirror.fetch();
      return new Loaded(
          name,
          c.roster(),
          "commit " + c.commit(),
          true,
          Optional.empty(),
          c.managedSettings(),
          source.url() + "@" + source.branch() + ":" + source.managedSettingsPath().orElse(""),
          Optional.of(c.lineAuthors()));
    } catch (RosterMirror.MissingFileException e) {
      throw new InvalidInputException(
          Problem.whole(configPath.toString(), "roster.path", e.getMessage()));
    } catch (RosterMirror.FetchFailedException e) {
      Optional<AppliedRoster.Snapshot> last = new AppliedRoster(site.stateDir()).read();
      if (last.isEmpty()) {
        throw new dev.workstation.reconcile.RunFailedException(
            e.getMessage()
                + "; no roster was ever applied here, so there is nothing to fall back to");
      }
      return new Loaded(
          name,
          last.get().roster(),
          last.get().origin(),
          true,
          Optional.of(e.getMessage() + "; " + FELL_BACK + " (" + last.get().origin() + ")"),
          Optional.empty(),
          "",
          Optional.empty());
    }
  }
}
