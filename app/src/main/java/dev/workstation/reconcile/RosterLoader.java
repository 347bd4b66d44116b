package dev.workstation.reconcile;

import dev.workstation.git.TooManyCommitsException;
import dev.workstation.git.TrustedSource;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Inert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where this run's roster comes from: {@code --roster FILE} (trying a roster before committing it;
 * never verified), else the trusted content of the roster repository's branch, else — when the
 * fetch fails or history was rewritten — the last applied roster, said out loud, and only if it was
 * verified.
 */
public final class RosterLoader {

  /**
   * The roster bytes, a name for messages, where they came from, warnings about it, the managed
   * settings from the same commit, and how far all of it is trusted.
   *
   * @param allowCuts the {@code Workstation-Allow-Cuts} trailer of the signed commit behind it
   */
  public record Loaded(
      String file,
      byte[] bytes,
      String origin,
      boolean committed,
      List<String> warnings,
      Optional<byte[]> managedSettings,
      String managedSettingsName,
      SourceReport source,
      OptionalInt allowCuts) {}

  /** The problem path of a trusted file that no signed change vouches for. */
  public static final String SIGNATURES = "signatures";

  /** Said in the warning of a run that could not fetch and uses the last applied roster. */
  public static final String FELL_BACK = "using the last applied roster";

  private RosterLoader() {}

  public static Loaded load(SiteConfig site, Optional<Path> localFile, Path configPath)
      throws IOException {
    if (localFile.isPresent()) {
      return local(localFile.get());
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
    boolean verifying = source.allowedSigners().isPresent();
    List<String> warnings = warnings(source);
    String name = source.url() + "@" + source.branch() + ":" + source.path();
    Optional<AppliedRoster.Snapshot> last = new AppliedRoster(site.stateDir()).read();
    // an unverified snapshot bounds nothing once signatures are on: the first verified run may
    // well go back before it
    Optional<String> mustDescend =
        last.filter(s -> s.verified() || !verifying).flatMap(AppliedRoster.Snapshot::commit);
    TrustedSource trusted =
        new TrustedSource(
            source, site.stateDir(), (int) Math.max(5, site.freshen().timeout().toSeconds()));
    try {
      return fetched(source, name, trusted.fetch(mustDescend), warnings);
    } catch (TrustedSource.SourceException e) {
      // the message names the trusted path; "signatures" tells doctor the remedy is a signature
      throw new InvalidInputException(
          Problem.whole(
              source.url() + "@" + source.branch(),
              e.unsigned() ? SIGNATURES : "roster",
              e.getMessage()));
    } catch (TrustedSource.RewrittenException e) {
      // mustDescend came from the snapshot, so there is one
      return fallback(last.orElseThrow(), name, warnings, e.getMessage(), true, List.of());
    } catch (TooManyCommitsException e) {
      // untrusted, like any change no signature vouches for: reported, counted, nothing new applied
      warnings.add(describe(e.untrusted()));
      if (last.isEmpty() || (verifying && !last.get().verified())) {
        throw new RunFailedException(
            RosterLoader.what(e.untrusted())
                + "; no verified roster was applied here before, so none stays in force");
      }
      return fallback(
          last.get(),
          name,
          warnings,
          "the last applied roster stays in force (" + last.get().origin() + ")",
          true,
          List.of(e.untrusted()));
    } catch (TrustedSource.FetchFailedException e) {
      return fetchFailed(e, last, verifying, name, warnings);
    }
  }

  /** What every run from {@code source} says before anything is fetched. */
  private static List<String> warnings(SiteConfig.RosterSource source) {
    List<String> warnings = new ArrayList<>();
    if (source.deprecatedAdmins()) {
      warnings.add(
          "roster.admins is deprecated and ignored: signatures decide who may change the roster"
              + " (roster.allowed_signers)");
    }
    if (source.allowedSigners().isEmpty()) {
      warnings.add(
          "unverified mode: roster.allowed_signers is not set, so whatever anyone pushes to "
              + Inert.text(source.url())
              + " is applied (docs/runbooks/roster-signing.md)");
    }
    return warnings;
  }

  /** The trusted content fetched, with every untrusted change after it named. */
  private static Loaded fetched(
      SiteConfig.RosterSource source, String name, TrustedSource.Content c, List<String> warnings) {
    c.untrusted().forEach(u -> warnings.add(describe(u)));
    return new Loaded(
        name,
        c.roster(),
        "commit " + c.commit(),
        true,
        warnings,
        c.managedSettings(),
        source.url() + "@" + source.branch() + ":" + source.managedSettingsPath().orElse(""),
        new SourceReport(
            source.allowedSigners().isPresent()
                ? SourceReport.Trust.VERIFIED
                : SourceReport.Trust.UNVERIFIED,
            Optional.of(c.commit()),
            c.untrusted(),
            Optional.empty()),
        c.allowCuts());
  }

  /** No fetch: the last applied roster, when there is one this run may stand on. */
  private static Loaded fetchFailed(
      TrustedSource.FetchFailedException e,
      Optional<AppliedRoster.Snapshot> last,
      boolean verifying,
      String name,
      List<String> warnings)
      throws IOException {
    if (last.isEmpty()) {
      throw new RunFailedException(
          e.getMessage()
              + "; no roster was ever applied here, so there is nothing to fall back to");
    }
    if (verifying && !last.get().verified()) {
      throw new RunFailedException(
          e.getMessage()
              + "; the last applied roster ("
              + last.get().origin()
              + ") was not verified, so it is not used in its place");
    }
    return fallback(
        last.get(),
        name,
        warnings,
        e.getMessage() + "; " + FELL_BACK + " (" + last.get().origin() + ")",
        false,
        List.of());
  }

  /** One line per untrusted change: what plan, reconcile and status print. */
  static String describe(TrustedSource.Untrusted u) {
    return "untrusted: "
        + what(u)
        + "; not applied until an admin reverts it or re-states the content in a signed commit";
  }

  /** {@code commit <sha> by <author as written> changes <paths>: <why>}, escaped. */
  public static String what(TrustedSource.Untrusted u) {
    return "commit "
        + u.shortSha()
        + " by "
        + Inert.text(u.author())
        + " changes "
        + Inert.text(String.join(", ", u.paths()))
        + ": "
        + Inert.text(u.why());
  }

  private static Loaded local(Path f) throws IOException {
    try {
      return new Loaded(
          f.toString(),
          Files.readAllBytes(f),
          "file " + f,
          false,
          List.of("--roster " + f + " is a local file: unverified, no signature vouches for it"),
          Optional.empty(),
          "",
          new SourceReport(
              SourceReport.Trust.LOCAL_FILE, Optional.empty(), List.of(), Optional.empty()),
          OptionalInt.empty());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Problem.whole(f.toString(), "", "file not found"));
    }
  }

  /** The last applied roster in place of the branch; {@code held} when it was refused. */
  private static Loaded fallback(
      AppliedRoster.Snapshot last,
      String name,
      List<String> warnings,
      String why,
      boolean held,
      List<TrustedSource.Untrusted> untrusted) {
    List<String> all = new ArrayList<>(warnings);
    all.add(why);
    SourceReport report =
        new SourceReport(
            last.verified() ? SourceReport.Trust.VERIFIED : SourceReport.Trust.UNVERIFIED,
            last.commit(),
            untrusted,
            held ? Optional.of(why) : Optional.empty());
    return new Loaded(
        name,
        last.roster(),
        last.origin(),
        true,
        all,
        Optional.empty(),
        "",
        report,
        OptionalInt.empty());
  }
}
