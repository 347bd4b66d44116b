package dev.workstation.worker;

/**
 * A request or reply that is not what the worker protocol says: an unknown op, a missing, extra,
 * wrongly typed or over-long field. The message names the op and the field, never the value.
 */
public final class WorkerProtocolException extends IllegalArgumentException {
  public WorkerProtocolException(String message) {
    super(message);
  }
}
