package dev.workstation.membership;

import dev.workstation.input.JsonFields;
import dev.workstation.input.StrictJson;
import dev.workstation.metrics.TextfileMetrics;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the last sync ended, kept in {@code state_dir/membership/last-run.json} (so the last success
 * survives failed runs) and exported to {@code <metrics.textfile_dir>/workstation-membership.prom}
 * beside the reconcile's file: when it ran, its exit code, when one last succeeded, the members it
 * read and its changes by kind. Also the conflicts already announced, so a conflict is announced
 * once, not every 15 minutes.
 *
 * @param conflicts the conflicts of that run (announced)
 */
public record SyncRecord(long finished, int exit, long lastSuccess, List<String> conflicts) {
  public SyncRecord {
    conflicts = List.copyOf(conflicts);
  }

  static final String FILE = "last-run.json";
  public static final String METRICS = "workstation-membership.prom";

  static SyncRecord none() {
    return new SyncRecord(0, 0, 0, List.of());
  }

  /**
   * The record in {@code dir}, or none when there is none or it does not read (it is rewritten).
   */
  static SyncRecord read(Path dir) {
    Path f = dir.resolve(FILE);
    try {
      if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) > 1 << 20) {
        return none();
      }
      JsonFields j =
          JsonFields.of(
              FILE,
              StrictJson.parse(Files.readString(f, StandardCharsets.UTF_8)),
              IllegalArgumentException::new);
      SyncRecord r =
          new SyncRecord(
              j.number("finished", 0, Long.MAX_VALUE),
              (int) j.number("exit", 0, 255),
              j.number("last_success", 0, Long.MAX_VALUE),
              j.texts("conflicts"));
      j.end();
      return r;
    } catch (IOException | IllegalArgumentException e) {
      return none();
    }
  }

  /** This run's record: the last success carried over unless this run is one. */
  SyncRecord next(long now, int exit, List<String> conflicts) {
    return new SyncRecord(now, exit, exit == 0 ? now : lastSuccess, conflicts);
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("finished", finished);
    m.put("exit", exit);
    m.put("last_success", lastSuccess);
    m.put("conflicts", conflicts);
    AtomicFiles.write(
        dir.resolve(FILE),
        Json.write(m).getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  /**
   * The sync's own state directory ({@code state_dir/membership}: its roster mirror, lock and last
   * run), made 0700 when it is made.
   */
  static Path dir(SiteConfig site) throws IOException {
    Path dir = site.stateDir().resolve("membership");
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(site.stateDir());
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return dir;
  }

  /** Records how a run ended: the state file, and the metrics file when {@code metrics:} is set. */
  static void store(SiteConfig site, SyncReport r, int exit, long now) throws IOException {
    Path dir = dir(site);
    SyncRecord before = read(dir);
    // a run that read nothing knows no conflicts: the ones announced stay announced
    SyncRecord next =
        before.next(now, exit, r.failure().isPresent() ? before.conflicts() : r.conflicts());
    next.write(dir);
    if (site.metrics().isPresent()) {
      next.metrics(
              r.members(),
              Map.of(
                  "added", r.added().size(),
                  "commented_out", r.removed().size(),
                  "conflict", r.conflicts().size(),
                  "protected", r.protectedAdmins().size()))
          .writeTo(site.metrics().get().textfileDir(), METRICS);
    }
  }

  /** The metrics of a run that ended with this record, {@code members} read and these changes. */
  public TextfileMetrics metrics(int members, Map<String, Integer> changes) {
    TextfileMetrics t = new TextfileMetrics();
    t.gauge(
        "membership_last_run_timestamp_seconds",
        "Unix time the last membership sync finished.",
        Map.of(),
        finished);
    t.gauge(
        "membership_last_run_exit_code", "Exit code of the last membership sync.", Map.of(), exit);
    if (lastSuccess > 0) {
      t.gauge(
          "membership_last_success",
          "Unix time a membership sync last exited 0 (kept across failed runs).",
          Map.of(),
          lastSuccess);
    }
    t.gauge(
        "membership_members",
        "Active members of the IdP group the last sync read (0 when it read none).",
        Map.of(),
        members);
    List<String> kinds =
        new ArrayList<>(List.of("added", "commented_out", "conflict", "protected"));
    for (String kind : kinds) {
      t.gauge(
          "membership_changes",
          "What the last membership sync did, by kind: rows added and commented out, conflicts"
              + " left to a person, admins kept though not in the group.",
          Map.of("kind", kind),
          changes.getOrDefault(kind, 0));
    }
    return t;
  }
}
