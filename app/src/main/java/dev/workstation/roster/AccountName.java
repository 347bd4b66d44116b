package dev.workstation.roster;

import dev.workstation.input.MappingReader;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Scalar;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The account name a roster entry claims: a valid Linux name, and never a system account's. */
public final class AccountName {
  private AccountName() {}

  private static final Pattern OS_USER = Pattern.compile("[a-z_][a-z0-9_-]*");

  /** Accounts Debian and common packages create; a roster must never claim one. */
  static final Set<String> SYSTEM_ACCOUNTS =
      Set.of(
          "root",
          "daemon",
          "bin",
          "sys",
          "sync",
          "games",
          "man",
          "lp",
          "mail",
          "news",
          "uucp",
          "proxy",
          "www-data",
          "backup",
          "list",
          "irc",
          "gnats",
          "nobody",
          "nogroup",
          "_apt",
          "messagebus",
          "sshd",
          "syslog",
          "uuidd",
          "tcpdump",
          "avahi",
          "polkitd",
          "postfix",
          "nginx",
          "ntp",
          "dnsmasq",
          "halt",
          "shutdown",
          "operator",
          "adm",
          "sudo",
          "staff",
          "users",
          "wheel",
          "docker",
          "admin",
          "tty",
          "disk",
          "kmem",
          "dialout",
          "cdrom",
          "floppy",
          "audio",
          "video",
          "plugdev",
          "netdev",
          "shadow",
          "utmp",
          "src",
          "voice",
          "sasl",
          "input",
          "kvm",
          "render",
          "crontab",
          "lxd",
          "ftp",
          "git",
          "postgres",
          "redis",
          "mysql",
          "systemd");

  static void check(String file, Scalar key, String path, List<Problem> problems) {
    String why =
        key.type() != YamlNode.ScalarType.STRING
            ? "a user name must be text, not " + key.describe()
            : problem(key.value()).orElse(null);
    if (why != null) {
      problems.add(new Problem(file, key.line(), key.column(), path, why));
    }
  }

  /** Why {@code name} cannot be a roster's account name, or empty when it can. */
  public static Optional<String> problem(String name) {
    if (name.length() > 32) {
      return Optional.of("an account name is at most 32 characters");
    }
    if (!OS_USER.matcher(name).matches()) {
      return Optional.of(
          MappingReader.quote(name)
              + " is not a valid account name (lowercase letter or _ first, then"
              + " lowercase letters, digits, _ or -)");
    }
    if (SYSTEM_ACCOUNTS.contains(name) || name.startsWith("systemd-")) {
      return Optional.of(
          MappingReader.quote(name) + " is a system account name; pick a personal name");
    }
    return Optional.empty();
  }
}
