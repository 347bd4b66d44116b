package dev.workstation.plan;

/** A cut user is back on the roster: clear the account expiry, forget the cut. */
public record UncutUser(String user) implements UserAction {
  @Override
  public String kind() {
    return "uncut-user";
  }

  @Override
  public String describe() {
    return "restore " + user + " (back on the roster): clear the account expiry";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.accounts().uncut(user);
    fx.cuts().forget(user);
  }
}
