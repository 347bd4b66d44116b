package dev.workstation.doctor;

import dev.workstation.input.InvalidInputException;
import dev.workstation.reconcile.RosterLoader;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The roster as {@code plan} and {@code reconcile} would load it: fetched, trusted and valid. A
 * config without a {@code roster:} section fails here as those commands refuse it (exit 3).
 */
final class RosterFetchCheck implements SiteCheck {
  private static final String REMEDY = "check roster.url, the network and roster.credentials_file";
  private final Path config;

  RosterFetchCheck(Path config) {
    this.config = config;
  }

  @Override
  public List<Check> run(SiteConfig s) {
    if (s.roster().isEmpty()) {
      return List.of(
          Check.fail(
              "roster source",
              "no roster: section",
              "add roster: {url, branch, path} to the site config"));
    }
    List<Check> out = new ArrayList<>();
    try {
      RosterLoader.Loaded l = RosterLoader.load(s, Optional.empty(), config);
      int users = RosterParser.parse(l.file(), l.bytes()).users().size();
      if (l.origin().startsWith("commit ")) {
        out.add(Check.ok("roster fetch", l.origin() + " (" + users + " users)"));
      } else {
        out.add(Check.fail("roster fetch", l.warnings().get(l.warnings().size() - 1), REMEDY));
      }
      out.addAll(UntrustedChangesCheck.run(l.source()));
    } catch (InvalidInputException e) {
      if (e.problems().size() == 1 && RosterLoader.SIGNATURES.equals(e.problems().get(0).path())) {
        out.add(
            Check.fail(
                "roster signatures",
                e.problems().get(0).message(),
                "an admin makes a signed commit that changes the file named; "
                    + RosterSignersCheck.RUNBOOK));
        return out;
      }
      out.add(
          Check.fail(
              "roster",
              e.getMessage().lines().findFirst().orElse(""),
              "fix the committed roster (workstation roster validate)"));
    } catch (Exception e) {
      out.add(Check.fail("roster fetch", e.getMessage(), REMEDY));
    }
    return out;
  }
}
