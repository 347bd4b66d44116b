package dev.workstation.doctor;

import java.util.Locale;

/** How one doctor check came out: fine, worth a look, or blocking. */
public enum CheckStatus {
  OK,
  WARN,
  FAIL;

  /** The word {@code --json} carries: {@code ok}, {@code warn}, {@code fail}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
