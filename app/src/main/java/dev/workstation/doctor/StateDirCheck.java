package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The state directory is writable, or can be created. */
final class StateDirCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    Path d = s.stateDir();
    boolean ok = Files.isDirectory(d) ? Files.isWritable(d) : Files.isWritable(d.getParent());
    return List.of(
        Check.of(
            "state dir",
            ok,
            d + (Files.isDirectory(d) ? "" : " (will be created)"),
            "run as root; make " + d.getParent() + " writable"));
  }
}
