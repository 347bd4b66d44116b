package dev.workstation.roster;

import java.util.Arrays;
import java.util.Optional;

/**
 * How {@code ~/code} is laid out: {@code single} — it is the infra clone; {@code workspace} — a
 * plain directory holding {@code infra/} and one clone per roster repo.
 */
public enum CodeLayout {
  SINGLE("single"),
  WORKSPACE("workspace");

  private final String id;

  CodeLayout(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<CodeLayout> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.id.equals(s)).findFirst();
  }
}
