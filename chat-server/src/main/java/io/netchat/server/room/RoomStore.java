package io.netchat.server.room;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.store.ChatStore;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredMessage;
import java.util.Objects;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * What rooms use of the durable {@link ChatStore} ({@code store.type: sqlite}): the store itself,
 * how its events look on the wire, and how a refusal is answered and logged. With
 * {@code store.type: memory} the server has none, and rooms keep their history in memory only.
 */
public final class RoomStore {
  private final ChatStore store;
  private final BiConsumer<String, String> failures;

  /**
   * @param store the opened store; closed by its owner, not here
   * @param failures logs one line per cause and window (the server's {@code RepeatedLog})
   */
  public RoomStore(ChatStore store, BiConsumer<String, String> failures) {
    this.store = Objects.requireNonNull(store, "store");
    this.failures = Objects.requireNonNull(failures, "failures");
  }

  ChatStore store() {
    return store;
  }

  /**
   * The answer to a command the store could not carry out: {@code unavailable}, the connection
   * stays usable. Logged once per cause and window, however many commands it refuses.
   */
  ServerMessage.Error refusal(String id, String what, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof StoreUnavailableException unavailable) {
      failures.accept(unavailable.reason().name(), "store refused " + what + ": " + unavailable.getMessage());
      return new ServerMessage.Error(id, ErrorCode.UNAVAILABLE, switch (unavailable.reason()) {
        case QUEUE_FULL -> "the server is storing more than it can; try again shortly";
        case DISK -> "the server cannot write or read its store now; try again later";
        case CLOSED -> "the server is stopping";
      });
    }
    failures.accept(cause.getClass().getName(), "store failed " + what + ": " + cause);
    return new ServerMessage.Error(id, ErrorCode.UNAVAILABLE, "the server could not use its store; try again later");
  }

  /**
   * Runs a store future's continuation on {@code loop}. Store threads complete the futures, so a
   * loop already stopped (the server is shutting down) must not throw into them: the
   * continuation is dropped with the loop.
   */
  static Executor on(EventLoop loop) {
    return task -> {
      try {
        loop.execute(task);
      } catch (RejectedExecutionException stopped) {
        // the room went with its loop
      }
    };
  }

  /**
   * A stored event as the wire carries it: a message with its stored {@code txn},
   * {@code action} flag and sender's {@code account}, and its msgid ({@code msgids}: derived from the room's
   * {@link MessageIds#roomPrefix prefix} and its seq, so the same as when it was first sent, unless
   * the room's epoch changed since), or a topic change with its seq ({@code by} absent when it was
   * cleared).
   */
  static ServerMessage event(String room, LongFunction<String> msgids, StoredMessage stored) {
    if (stored.kind() == StoredMessage.Kind.EVENT) {
      return RoomEventText.decode(stored.text(), stored.seq());
    }
    if (stored.isMessage()) {
      return new ServerMessage.Message(room, stored.seq(), stored.from(), stored.text(), stored.ts(),
          msgids.apply(stored.seq()), stored.txn(), stored.action() ? true : null, stored.account());
    }
    return new ServerMessage.Topic(room, stored.text(), stored.from().isEmpty() ? null : stored.from(), stored.seq());
  }
}
