package dev.workstation.plan;

import dev.workstation.units.Units;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Write a root-owned file (a generated map, an env file, the managed settings) atomically with its
 * mode: temp file, fsync, rename — a reader never sees half a file. Planned only when the content
 * differs, so a converged host is never rewritten.
 *
 * @param owner a user's file (their env file) runs in their lane; a machine file in its phase
 */
public record WriteFile(Owner owner, Path path, String content, String mode, String why)
    implements Action {

  @Override
  public String kind() {
    return "write-file";
  }

  @Override
  public ActionKey key() {
    return ActionKey.of(kind(), owner, path);
  }

  @Override
  public String describe() {
    return "write " + path + " (" + mode + "): " + why;
  }

  @Override
  public Optional<Path> unitFile() {
    return Units.managerOf(path).map(m -> path);
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.files()
        .write(
            path, content.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString(mode));
  }
}
