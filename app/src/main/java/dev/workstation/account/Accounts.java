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

  /**
   * The reversible cut: password locked and the account expired (so SSH keys stop working too), and
   * every running process of the user ended.
   */
  void cut(String user);

  /** Undo a cut: clear the expiry (the password stays locked: login is via SSO). */
  void uncut(String user);

  /** Delete the account and its home ({@code userdel --remove}). Only after a verified archive. */
  void delete(String user);
}
