package dev.workstation.doctor;

/**
 * One line of {@code doctor}: what was checked, how it came out, what was seen, and the remedy when
 * it is not {@link CheckStatus#OK} ("" otherwise).
 */
public record Check(String name, CheckStatus status, String detail, String remedy) {

  static Check ok(String name, String detail) {
    return new Check(name, CheckStatus.OK, detail, "");
  }

  static Check warn(String name, String detail, String remedy) {
    return new Check(name, CheckStatus.WARN, detail, remedy);
  }

  static Check fail(String name, String detail, String remedy) {
    return new Check(name, CheckStatus.FAIL, detail, remedy);
  }

  /** OK or FAIL by {@code ok}; the remedy is kept either way, as the check states it once. */
  static Check of(String name, boolean ok, String detail, String remedy) {
    return new Check(name, ok ? CheckStatus.OK : CheckStatus.FAIL, detail, remedy);
  }
}
