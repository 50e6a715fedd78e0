package io.netchat.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the causes that futures wrap. */
final class Failures {
  private Failures() {}

  /** The cause under any {@link CompletionException} / {@link ExecutionException} wrappers. */
  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The unwrapped cause's message, or its class name when it has none. */
  static String message(Throwable error) {
    Throwable cause = unwrap(error);
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
