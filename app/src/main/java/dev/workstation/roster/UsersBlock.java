package dev.workstation.roster;

import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Entry;
import dev.workstation.input.YamlNode.Mapping;

/**
 * Finds the {@code users:} block and a row in it, refusing the layouts a line-based edit cannot
 * handle safely (an inline block, an indented key, an explicit null).
 */
final class UsersBlock {
  private UsersBlock() {}

  static Entry find(Mapping users, String osUser) {
    for (Entry e : users.entries()) {
      if (e.key().value().equals(osUser)) {
        return e;
      }
    }
    return null;
  }

  /** The users mapping (null when absent/empty); refuses a flow-style block it cannot edit. */
  static Mapping usersMapping(String file, String text) {
    YamlNode root = YamlLoader.load(file, RosterEdits.bytes(text)).root();
    if (!(root instanceof Mapping top)
        || !(top.get("users") instanceof Mapping users)
        || users.entries().isEmpty()) {
      return null;
    }
    Entry first = users.entries().get(0);
    if (users.line() == usersKeyLine(file, text) + 1 && first.key().line() == users.line()) {
      throw RosterEdits.refuse(
          file,
          "users",
          "is written inline ({...}); write one row per line to edit it with this tool");
    }
    return users;
  }

  /** 0-based line of the top-level {@code users:} key, or -1. */
  static int usersKeyLine(String file, String text) {
    YamlNode root = YamlLoader.load(file, RosterEdits.bytes(text)).root();
    if (root instanceof Mapping top) {
      for (Entry e : top.entries()) {
        if (e.key().value().equals("users")) {
          if (e.key().column() != 1) {
            throw RosterEdits.refuse(
                file, "users", "must start at the beginning of its line to be edited by this tool");
          }
          YamlNode v = e.value();
          if (v instanceof YamlNode.Scalar s
              && s.isNull()
              && s.line() == e.key().line()
              && !new RosterLines(text)
                  .body(s.line() - 1)
                  .replaceAll("#.*", "")
                  .trim()
                  .equals("users:")) {
            throw RosterEdits.refuse(
                file, "users", "is set to an explicit null; write 'users:' with rows under it");
          }
          return e.key().line() - 1;
        }
      }
    }
    return -1;
  }
}
