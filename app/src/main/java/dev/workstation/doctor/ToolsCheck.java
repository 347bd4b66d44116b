package dev.workstation.doctor;

import dev.workstation.host.Executables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools the product runs: the account tools are required; git, git-crypt, kubectl are not. */
final class ToolsCheck {
  private ToolsCheck() {}

  static List<Check> run() {
    Map<String, String> required = new LinkedHashMap<>();
    required.put("useradd", "apt-get install passwd");
    required.put("usermod", "apt-get install passwd");
    required.put("passwd", "apt-get install passwd");
    required.put("chage", "apt-get install passwd");
    required.put("userdel", "apt-get install passwd");
    required.put("setpriv", "apt-get install util-linux");
    required.put("runuser", "apt-get install util-linux");
    required.put("tar", "apt-get install tar");
    required.put("systemctl", "apt-get install systemd");
    List<Check> out = new ArrayList<>();
    for (var t : required.entrySet()) {
      Optional<Path> p = Executables.onPath(t.getKey());
      out.add(
          Check.of(
              "tool " + t.getKey(),
              p.isPresent(),
              p.map(Path::toString).orElse("not on PATH"),
              t.getValue()));
    }
    for (String optional : List.of("git", "git-crypt", "kubectl")) {
      Optional<Path> p = Executables.onPath(optional);
      out.add(
          p.isPresent()
              ? Check.ok("tool " + optional, p.get().toString())
              : Check.warn(
                  "tool " + optional,
                  "not on PATH",
                  "apt-get install "
                      + (optional.equals("kubectl") ? "kubernetes-client" : optional)));
    }
    return out;
  }
}
