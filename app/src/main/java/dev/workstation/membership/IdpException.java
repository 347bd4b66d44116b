package dev.workstation.membership;

/** The identity provider could not be read: nothing may change on what it did not say. */
public final class IdpException extends Exception {
  public IdpException(String message) {
    super(message);
  }
}
