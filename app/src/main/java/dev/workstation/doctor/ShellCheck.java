package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** New accounts' shell: default_shell, else /bin/zsh where installed, else /bin/bash. */
final class ShellCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    return List.of(
        Files.isExecutable(Path.of(s.defaultShell()))
            ? Check.ok("default shell", "new accounts get " + s.defaultShell())
            : Check.warn(
                "default shell",
                s.defaultShell() + " is not installed: new accounts get /bin/bash",
                "install it (apt-get install zsh), or set default_shell"));
  }
}
