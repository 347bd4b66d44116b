package dev.workstation.claudesync;

import dev.workstation.claudeauth.ClaudeAuthPaths;
import dev.workstation.claudeauth.Outcome;
import dev.workstation.claudesync.Ended.Stop;
import dev.workstation.secrets.KvEntry;
import dev.workstation.secrets.ScopedVault;
import dev.workstation.secrets.Secrets.SecretsException;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The login's backup at the user's Vault path: written when the login works (merged: every other
 * key at the path kept), and restored once into the credentials file when it does not (merged: MCP
 * OAuth and every other key of the file kept). A restore that does not make the login work is
 * undone, so a check that failed for another reason (the API down, a timeout) never leaves an older
 * login in place of the one the user had. A file a Claude session rewrote meanwhile is never
 * overwritten.
 */
final class Backup {
  private final Path home;
  private final ClaudeCheck check;
  private final ScopedVault vault;
  private final SiteConfig.ClaudeAuth auth;
  private final String user;
  private final KvEntry stored;

  Backup(
      Path home,
      ClaudeCheck check,
      ScopedVault vault,
      SiteConfig.ClaudeAuth auth,
      String user,
      KvEntry stored) {
    this.home = home;
    this.check = check;
    this.vault = vault;
    this.auth = auth;
    this.user = user;
    this.stored = stored;
  }

  private String where() {
    return auth.mount() + "/" + auth.path(user);
  }

  /** The login works: back up what the file holds now (the check may have refreshed it). */
  Ended backUp() throws Stop {
    if (!(Credentials.read(home) instanceof Credentials.Reading.Parsed p
        && p.login().isPresent())) {
      throw new Stop(
          Outcome.CHANGED_MEANWHILE,
          "~/"
              + ClaudeAuthPaths.CREDENTIALS
              + " changed while it was checked; the next run backs it up");
    }
    Map<String, Object> login = p.login().get();
    Optional<Map<String, Object>> backup = Credentials.login(stored.data().get(Credentials.KEY));
    if (backup.isPresent() && Credentials.same(backup.get(), login)) {
      return new Ended(
          Outcome.BACKED_UP, "the login works; its backup at " + where() + " is current");
    }
    try {
      vault.write(auth.mount(), auth.path(user), stored, stored.with(Credentials.KEY, login));
    } catch (SecretsException e) {
      throw new Stop(
          Outcome.VAULT_FAILED, "the login works, but backing it up failed: " + e.getMessage());
    }
    return new Ended(Outcome.BACKED_UP, "the login works; backed up to " + where());
  }

  /** The login in {@code found} does not work ({@code why}): restore the backup once. */
  Ended restoreFrom(Credentials.Reading found, String why) throws Stop {
    Optional<Map<String, Object>> backup = Credentials.login(stored.data().get(Credentials.KEY));
    if (backup.isEmpty()) {
      throw new Stop(
          Outcome.NO_BACKUP,
          why
              + ", and "
              + where()
              + " holds no backup: the user must log in (claude, then /login)");
    }
    Map<String, Object> root = new LinkedHashMap<>();
    if (found instanceof Credentials.Reading.Parsed p) {
      if (p.login().isPresent() && Credentials.same(p.login().get(), backup.get())) {
        throw new Stop(
            Outcome.STILL_FAILING,
            why + "; the backup at " + where() + " is this same login: the user must log in again");
      }
      root.putAll(p.root());
    }
    unchangedSince(found);
    try {
      Credentials.writeMerged(home, root, backup.get());
    } catch (IOException e) {
      throw new Stop(Outcome.FILE_FAILED, why + "; cannot restore it: " + e.getMessage());
    }
    CheckResult again = check.run(home);
    if (again instanceof CheckResult.Passed) {
      return new Ended(
          Outcome.RESTORED, why + "; restored the login from " + where() + ", and it works");
    }
    String undone = undo(found, root, backup.get());
    if (again instanceof CheckResult.Unavailable u) {
      throw new Stop(
          Outcome.CHECK_UNAVAILABLE, why + "; restored, then cannot check: " + u.why() + undone);
    }
    throw new Stop(
        Outcome.STILL_FAILING,
        why
            + "; restored the login from "
            + where()
            + " and it does not work either ("
            + ((CheckResult.Failed) again).why()
            + ")"
            + undone
            + ": the user must log in again");
  }

  /** Refuses to write over a file that is no longer what was checked. */
  private void unchangedSince(Credentials.Reading found) throws Stop {
    if (!sameFile(Credentials.read(home), found)) {
      throw new Stop(
          Outcome.CHANGED_MEANWHILE,
          "~/" + ClaudeAuthPaths.CREDENTIALS + " changed while it was checked; left as it is");
    }
  }

  /** Puts back what was there before the restore, unless something wrote the file since. */
  private String undo(
      Credentials.Reading found, Map<String, Object> root, Map<String, Object> backup) {
    Map<String, Object> written = new LinkedHashMap<>(root);
    written.put(Credentials.KEY, backup);
    if (!(Credentials.read(home) instanceof Credentials.Reading.Parsed now)
        || !Json.compactSorted(now.root()).equals(Json.compactSorted(written))) {
      return "; the file changed since, so it is left as it is";
    }
    try {
      if (found instanceof Credentials.Reading.Parsed p) {
        Credentials.writeWhole(home, p.root());
      } else {
        Files.deleteIfExists(home.resolve(ClaudeAuthPaths.CREDENTIALS));
      }
      return "; the file is back as it was";
    } catch (IOException e) {
      return "; putting the file back failed (" + e.getMessage() + ")";
    }
  }

  private static boolean sameFile(Credentials.Reading a, Credentials.Reading b) {
    if (a instanceof Credentials.Reading.Parsed pa && b instanceof Credentials.Reading.Parsed pb) {
      return Json.compactSorted(pa.root()).equals(Json.compactSorted(pb.root()));
    }
    return a.getClass() == b.getClass() && !(a instanceof Credentials.Reading.Refused);
  }
}
