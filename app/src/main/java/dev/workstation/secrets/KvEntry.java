package dev.workstation.secrets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One KV v2 secret as read: its version (for a check-and-set write) and its keys, each value as
 * {@code input.StrictJson} reads JSON (a string, number, boolean, null, list or map). Values are
 * secrets: {@link #toString} names the keys only.
 */
public record KvEntry(long version, Map<String, Object> data) {
  public KvEntry {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** A path that holds nothing yet: a check-and-set write with version 0 creates it. */
  public static KvEntry absent() {
    return new KvEntry(0, Map.of());
  }

  /** These keys with {@code key} set to {@code value}, every other key kept as it was. */
  public Map<String, Object> with(String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(data);
    out.put(key, value);
    return out;
  }

  @Override
  public String toString() {
    return "KvEntry[version=" + version + ", keys=" + data.keySet() + "]";
  }
}
