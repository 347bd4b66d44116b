package dev.workstation.account;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The OS account database (useradd/usermod/passwd/chage). Every method throws {@link
 * dev.workstation.host.CommandFailedException} carrying the argv, exit code and stderr.
 */
public interface Accounts {

  /** {@code useradd --create-home} with the shell, home and (if given) uid; a user group too. */
  void create(String user, String shell, Path home, OptionalInt uid);

  /** Lock the password: login is via SSO and the web surface, never a local password. */
  void lockPassword(String user);

  /** Add the user to each group (additive: {@code usermod --append}). */
  void addToGroups(String user, List<String> groups);
}
