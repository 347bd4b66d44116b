package dev.workstation.plan;

import dev.workstation.units.Units;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Remove a root-owned file a facet no longer wants (a destroyed account's drop-in): through the
 * no-follow removal port, which refuses anything that is not root's alone. Nothing there is fine.
 */
public record RemoveFile(Owner owner, Path path, String why) implements Action {

  @Override
  public String kind() {
    return "remove-file";
  }

  @Override
  public ActionKey key() {
    return ActionKey.of(kind(), owner, path);
  }

  @Override
  public String describe() {
    return "remove " + path + ": " + why;
  }

  @Override
  public Optional<Path> unitFile() {
    return Units.managerOf(path).map(m -> path);
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.files().remove(path);
  }
}
