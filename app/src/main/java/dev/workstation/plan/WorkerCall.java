package dev.workstation.plan;

import java.util.Map;

/** A port: run one request in a user's worker (as that user) and return its result. */
public interface WorkerCall {
  Object call(String user, Map<String, Object> request) throws Exception;
}
