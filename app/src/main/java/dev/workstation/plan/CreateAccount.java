package dev.workstation.plan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Create a roster user's account: {@code useradd --create-home}, password locked, home {@code
 * 0700}, uid recorded so it is never given to someone else.
 */
public record CreateAccount(String user, String shell, Path home, int uid) implements UserAction {

  @Override
  public String kind() {
    return "create-account";
  }

  @Override
  public String describe() {
    return "create account "
        + user
        + " (uid "
        + uid
        + ", shell "
        + shell
        + ", home "
        + home
        + " 0700, password locked)";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    // useradd -m on an occupied home path either fails half-way (a file) or adopts a
    // directory someone else owns; refuse both before touching the account database.
    if (fx.files().lstat(home).isPresent()) {
      throw new IOException(
          home
              + " already exists but no account owns it; move it away (or"
              + " restore the account it belongs to) and reconcile again");
    }
    fx.accounts().create(user, shell, home, OptionalInt.of(uid));
    fx.accounts().lockPassword(user);
    fx.files().chmodDirectory(home, 0700);
    int actual = fx.users().uid(user).orElse(uid);
    fx.uids().record(user, actual);
  }
}
