package dev.workstation.plan;

import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;

/** A port: run one request in a user's worker (as that user) and return its typed reply. */
public interface WorkerCall {
  <R extends WorkerReply> R call(String user, WorkerRequest<R> request) throws Exception;
}
