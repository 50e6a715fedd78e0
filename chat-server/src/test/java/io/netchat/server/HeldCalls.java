package io.netchat.server;

import io.netchat.store.StoreUnavailableException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Store calls of one kind, answered at once until {@link #hold}, then only when the test says:
 * from the heap in call order ({@link #letNext}) or refused as a slow or failing disk would
 * ({@link #failNext}). Test thread only.
 */
final class HeldCalls {
  private record Call(Runnable answer, CompletableFuture<?> done) {}

  private final ArrayDeque<Call> calls = new ArrayDeque<>();
  private boolean holding;

  /** {@code work}'s answer now, or, while holding, once the test lets it through. */
  <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> work) {
    if (!holding) {
      return work.get();
    }
    CompletableFuture<T> done = new CompletableFuture<>();
    calls.add(new Call(() -> work.get().whenComplete((value, failure) -> {
      if (failure != null) {
        done.completeExceptionally(failure);
      } else {
        done.complete(value);
      }
    }), done));
    return done;
  }

  /** From now on each call waits for {@link #letNext} or {@link #failNext}. */
  HeldCalls hold() {
    holding = true;
    return this;
  }

  /** Calls answer at once again; those waiting still wait. */
  void release() {
    holding = false;
  }

  /** Answers the oldest waiting call from the heap. */
  void letNext() {
    calls.remove().answer().run();
  }

  /** Refuses the oldest waiting call as a failing disk would. */
  void failNext() {
    failNext(StoreUnavailableException.Reason.DISK);
  }

  /** Refuses the oldest waiting call for {@code reason}. */
  void failNext(StoreUnavailableException.Reason reason) {
    calls.remove().done().completeExceptionally(new StoreUnavailableException(reason, "test: " + reason));
  }

  int waiting() {
    return calls.size();
  }
}
