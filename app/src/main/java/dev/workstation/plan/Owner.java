package dev.workstation.plan;

/**
 * Whose an action is, and so when it runs: in a user's own lane (its failure is that user's alone),
 * or once for the machine, before every lane or after every lane. The phase is part of the owner,
 * never inferred from where an action sits in the plan.
 */
public sealed interface Owner {

  /** When a machine-wide step runs, relative to the users' lanes. */
  enum Phase {
    /** Before any lane: what a new account is made from ({@code /etc/skel}, the managed layer). */
    BEFORE,
    /** After every lane: what describes the accounts (the maps), and reloading systemd. */
    AFTER
  }

  /** A step for the whole machine, in its phase. */
  record Machine(Phase phase) implements Owner {
    @Override
    public String label() {
      return "-";
    }
  }

  /** A step of one user's, in their lane. */
  record User(String name) implements Owner {
    public User {
      if (name == null || name.isEmpty() || name.equals("-")) {
        throw new IllegalArgumentException(
            "a user owner needs an account name, not '" + name + "'");
      }
    }

    @Override
    public String label() {
      return name;
    }
  }

  Owner BEFORE_USERS = new Machine(Phase.BEFORE);
  Owner AFTER_USERS = new Machine(Phase.AFTER);

  static Owner user(String name) {
    return new User(name);
  }

  /** How output names the owner: the account name, or {@code -} for the machine. */
  String label();

  /** Whether this is {@code user}'s. */
  default boolean is(String user) {
    return this instanceof User u && u.name().equals(user);
  }
}
