package dev.workstation.input;

import static dev.workstation.input.JsonValues.shown;
import static dev.workstation.input.JsonValues.type;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One JSON object read field by field, as the worker protocol's codecs and the state files read
 * theirs: each field present when required, of its type and within its bound; {@link #end} rejects
 * whatever was not asked for. Every error names the message ({@code where}: for the worker, the op
 * and whether it is a request or a reply) and the field, and is made by the reader's own error
 * factory. Values are never echoed: they may be anything. This and the codecs built on it are the
 * only places that look inside a parsed JSON value.
 */
public final class JsonFields {
  /** A name, path, URL, state line or reason. */
  public static final int TEXT = 4096;

  /** A file's content (a launcher, a kubeconfig): the home reader's own cap. */
  public static final int CONTENT = dev.workstation.host.HomeFiles.CAP;

  /** Entries in one list or map. */
  public static final int ITEMS = 10_000;

  private final String where;
  private final Map<?, ?> m;
  private final Function<String, ? extends RuntimeException> errors;
  private final Set<String> asked = new HashSet<>();

  private JsonFields(
      String where, Map<?, ?> m, Function<String, ? extends RuntimeException> errors) {
    this.where = where;
    this.m = m;
    this.errors = errors;
  }

  /** {@code value} as an object; each error is {@code errors.apply(line naming where)}. */
  public static JsonFields of(
      String where, Object value, Function<String, ? extends RuntimeException> errors) {
    if (!(value instanceof Map<?, ?> map)) {
      throw errors.apply(where + ": expected a JSON object, got " + type(value));
    }
    return new JsonFields(where, map, errors);
  }

  private JsonFields child(String where, Object value) {
    return of(where, value, errors);
  }

  public boolean has(String key) {
    return m.containsKey(key) && m.get(key) != null;
  }

  private Object get(String key) {
    asked.add(key);
    Object v = m.get(key);
    if (v == null) {
      throw error(key, m.containsKey(key) ? "must not be null" : "is missing");
    }
    return v;
  }

  public String text(String key) {
    return text(key, TEXT);
  }

  public String text(String key, int max) {
    return checkText(key, get(key), max);
  }

  public Optional<String> optText(String key) {
    return optText(key, TEXT);
  }

  public Optional<String> optText(String key, int max) {
    asked.add(key);
    return has(key) ? Optional.of(text(key, max)) : Optional.empty();
  }

  /** A string drawn from {@code allowed}. */
  public String oneOf(String key, Set<String> allowed) {
    return checkOneOf(key, text(key), allowed);
  }

  /** A string drawn from {@code allowed}, when present. */
  public Optional<String> optOneOf(String key, Set<String> allowed) {
    asked.add(key);
    return has(key) ? Optional.of(oneOf(key, allowed)) : Optional.empty();
  }

  public boolean bool(String key) {
    return checkBool(key, get(key));
  }

  public Optional<Boolean> optBool(String key) {
    asked.add(key);
    return has(key) ? Optional.of(bool(key)) : Optional.empty();
  }

  public long number(String key, long min, long max) {
    if (!(get(key) instanceof BigInteger n)) {
      throw error(key, "expected a whole number, got " + type(m.get(key)));
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw error(key, "is outside " + min + ".." + max);
    }
    return n.longValue();
  }

  public JsonFields object(String key) {
    return child(where + ": field \"" + key + "\"", get(key));
  }

  /** The object under {@code key}, whose fields are named as if they were this one's. */
  public JsonFields body(String key) {
    return child(where, get(key));
  }

  public Optional<JsonFields> optObject(String key) {
    asked.add(key);
    return has(key) ? Optional.of(object(key)) : Optional.empty();
  }

  public List<String> texts(String key) {
    return texts(key, TEXT);
  }

  public List<String> texts(String key, int max) {
    List<String> out = new ArrayList<>();
    for (Object item : list(key)) {
      out.add(checkText(key, item, max));
    }
    return out;
  }

  public List<JsonFields> objects(String key) {
    List<JsonFields> out = new ArrayList<>();
    List<?> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      out.add(child(where + ": field \"" + key + "\"[" + i + "]", items.get(i)));
    }
    return out;
  }

  /** An object whose keys pass {@code keyCheck} and whose values {@code value} reads. */
  public <V> Map<String, V> map(
      String key, Function<String, Boolean> keyCheck, Function<JsonFields.Entry, V> value) {
    if (!(get(key) instanceof Map<?, ?> inner)) {
      throw error(key, "expected an object, got " + type(m.get(key)));
    }
    if (inner.size() > ITEMS) {
      throw error(key, "has more than " + ITEMS + " entries");
    }
    Map<String, V> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : inner.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (k.length() > TEXT || !keyCheck.apply(k)) {
        throw error(key, "holds a key that is not allowed (" + shown(k) + ")");
      }
      out.put(k, value.apply(new Entry(this, key + "." + k, e.getValue())));
    }
    return out;
  }

  /** As {@link #map}; empty when absent. */
  public <V> Map<String, V> optMap(
      String key, Function<String, Boolean> keyCheck, Function<JsonFields.Entry, V> value) {
    asked.add(key);
    return has(key) ? map(key, keyCheck, value) : Map.of();
  }

  /** One value of a {@link #map}, read by its own field name ({@code map.key}). */
  public record Entry(JsonFields owner, String field, Object value) {
    public String text() {
      return owner.checkText(field, value, TEXT);
    }

    public String oneOf(Set<String> allowed) {
      return owner.checkOneOf(field, text(), allowed);
    }

    public boolean bool() {
      return owner.checkBool(field, value);
    }

    public JsonFields object() {
      return owner.child(owner.where + ": field \"" + shown(field) + "\"", value);
    }
  }

  /** No field beyond those read: a message with anything else is not ours. */
  public void end() {
    for (Object k : m.keySet()) {
      if (!asked.contains(String.valueOf(k))) {
        throw errors.apply(where + ": unexpected field \"" + shown(String.valueOf(k)) + "\"");
      }
    }
  }

  public RuntimeException error(String key, String what) {
    return errors.apply(where + ": field \"" + shown(key) + "\" " + what);
  }

  private List<?> list(String key) {
    if (!(get(key) instanceof List<?> items)) {
      throw error(key, "expected a list, got " + type(m.get(key)));
    }
    if (items.size() > ITEMS) {
      throw error(key, "has more than " + ITEMS + " items");
    }
    return items;
  }

  private String checkOneOf(String key, String s, Set<String> allowed) {
    if (!allowed.contains(s)) {
      throw error(key, "is not one of " + new java.util.TreeSet<>(allowed));
    }
    return s;
  }

  private boolean checkBool(String key, Object v) {
    if (!(v instanceof Boolean b)) {
      throw error(key, "expected true or false, got " + type(v));
    }
    return b;
  }

  private String checkText(String key, Object v, int max) {
    if (!(v instanceof String s)) {
      throw error(key, "expected a string, got " + type(v));
    }
    if (s.length() > max) {
      throw error(key, "is longer than " + max + " characters");
    }
    return s;
  }
}
