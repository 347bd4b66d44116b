package dev.workstation.worker;

import dev.workstation.input.JsonFields;
import dev.workstation.input.StrictJson;
import dev.workstation.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The worker protocol on the wire: one JSON request on the worker's stdin ({@code {"op":…,
 * fields…}}), one JSON response on its stdout ({@code {"ok":true,"result":{…}}} or {@code
 * {"ok":false,"error":"…"}}), written by {@link Json} and read by the strict {@link StrictJson}.
 *
 * <p>Both directions are read as hostile: the worker runs as the user, who can take it over, so
 * root reads a reply exactly as strictly as the worker reads a request — unknown op, missing,
 * extra, wrongly typed or over-long fields are a {@link WorkerProtocolException} naming the op and
 * the field. Requests are here; the replies' fields are in {@link ReplyCodec}.
 */
public final class WorkerCodec {
  /** The most a request may be (a launcher or kubeconfig is at most {@link JsonFields#CONTENT}). */
  public static final int MAX_REQUEST = 4 << 20;

  /** The most root reads of a worker's stdout: JSON escapes may inflate a marked file sixfold. */
  public static final int MAX_REPLY = 8 << 20;

  /** The most of a worker's error message root accepts. */
  static final int MAX_ERROR = 16 << 10;

  private WorkerCodec() {}

  /** The op's name on the wire. */
  public static String op(WorkerRequest<?> r) {
    return RequestFields.op(r);
  }

  /** {@code r} as the worker reads it. */
  public static String encode(WorkerRequest<?> r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op(r));
    RequestFields.write(r, m);
    return Json.write(m);
  }

  /** A request as root wrote it, or a {@link WorkerProtocolException} saying why not. */
  public static WorkerRequest<?> decodeRequest(String text) {
    if (text.length() > MAX_REQUEST) {
      throw new WorkerProtocolException("request: longer than " + MAX_REQUEST + " characters");
    }
    Object parsed = parse("request", text);
    String op = JsonFields.of("request", parsed, WorkerProtocolException::new).text("op", 64);
    if (!RequestFields.OPS.contains(op)) {
      throw new WorkerProtocolException(
          "request: unknown op \"" + dev.workstation.util.Inert.text(op) + "\"");
    }
    JsonFields fields = JsonFields.of(op + " request", parsed, WorkerProtocolException::new);
    fields.text("op");
    WorkerRequest<?> r = RequestFields.read(op, fields);
    fields.end();
    return r;
  }

  /** The worker's answer: {@code reply} for the request it was asked. */
  public static String encodeReply(WorkerReply reply) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", true);
    m.put("result", ReplyCodec.write(reply));
    return Json.write(m);
  }

  /** The worker's answer when the operation failed: its message (never a secret). */
  public static String encodeError(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", false);
    m.put(
        "error",
        message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) + " (cut short)" : message);
    return Json.write(m);
  }

  /** What a worker answered {@code request}: its typed reply or the failure it reported. */
  public static <R extends WorkerReply> Answer<R> decodeReply(
      WorkerRequest<R> request, String text) {
    String where = op(request) + " reply";
    if (text.length() > MAX_REPLY) {
      throw new WorkerProtocolException(where + ": longer than " + MAX_REPLY + " characters");
    }
    JsonFields envelope = JsonFields.of(where, parse(where, text), WorkerProtocolException::new);
    if (!envelope.bool("ok")) {
      String error = envelope.text("error", MAX_ERROR);
      envelope.end();
      return new Answer<>(Optional.empty(), error);
    }
    JsonFields result = envelope.body("result");
    envelope.end();
    R reply = ReplyCodec.read(request, result);
    result.end();
    return new Answer<>(Optional.of(reply), null);
  }

  /** A decoded response: the reply, or (when empty) the worker's own error message. */
  public record Answer<R extends WorkerReply>(Optional<R> reply, String error) {}

  private static Object parse(String where, String text) {
    try {
      return StrictJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new WorkerProtocolException(where + ": not JSON (" + e.getMessage() + ")");
    }
  }

  /** Puts {@code value} under {@code key} when there is one: absent fields are left out. */
  static void putIfPresent(Map<String, Object> m, String key, Optional<?> value) {
    value.ifPresent(v -> m.put(key, v));
  }
}
