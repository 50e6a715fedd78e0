package io.netchat.client;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The requests part of a client: command ids, the bounded table of commands awaiting an answer
 * ({@link RequestTracker}), their timeouts, and settling each command when its {@code ok},
 * {@code error}, {@code pong} or the end of the connection arrives. Every future it completes is
 * completed right here on the event loop, never on the user's delivery thread, so internal
 * requests (login, re-join) cannot wait behind a slow listener. Confined to the event loop,
 * except {@link #nextId()}.
 */
final class Requests {
  /** Ids this client generates start with this; see {@link ChatClient}. */
  static final String ID_PREFIX = "nc-";

  private final AtomicLong ids = new AtomicLong();
  private final RequestTracker tracker;
  private final EventLoop loop;
  private final Duration timeout;
  private final Consumer<ServerMessage.Joined> joinCompleted;
  private final List<CompletableFuture<Reply>> quitting = new ArrayList<>();

  /**
   * @param joinCompleted told of a join's {@code joined} once its {@code ok} came (after the
   *     backlog), before the join's future completes
   */
  Requests(int maxPending, EventLoop loop, Duration timeout, Consumer<ServerMessage.Joined> joinCompleted) {
    this.tracker = new RequestTracker(maxPending);
    this.loop = loop;
    this.timeout = timeout;
    this.joinCompleted = joinCompleted;
  }

  /** A fresh command id; thread-safe. */
  String nextId() {
    return ID_PREFIX + ids.incrementAndGet();
  }

  /**
   * Writes {@code command} to {@code target}. With an id it is tracked until answered or timed
   * out; without one, {@code result} completes once it is written. A failed write fails it.
   */
  void write(Channel target, ClientMessage command, CompletableFuture<Reply> result) {
    boolean tracked = command.id() != null;
    if (tracked && !track(command, result)) {
      return;
    }
    target.writeAndFlush(command).addListener(written -> {
      if (!written.isSuccess()) {
        if (!tracked || tracker.take(command.id()) != null) {
          result.completeExceptionally(new ChatConnectionException("cannot send " + typeOf(command) + ": "
              + Failures.message(written.cause()), written.cause()));
        }
      } else if (!tracked) {
        result.complete(new Reply(null, null));
      }
    });
  }

  private boolean track(ClientMessage command, CompletableFuture<Reply> result) {
    RequestTracker.Pending pending;
    try {
      pending = tracker.register(command, result);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return false;
    }
    String id = command.id();
    pending.timeout = loop.schedule(() -> {
      RequestTracker.Pending expired = tracker.take(id);
      if (expired != null) {
        expired.future.completeExceptionally(new TimeoutException("no answer to " + typeOf(command) + " '" + id
            + "' within " + timeout.toMillis() + " ms"));
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    return true;
  }

  /** Attaches an id-less answer ({@code joined}, {@code members}, …) to its command; that command, or null. */
  RequestTracker.Pending attach(ServerMessage event) {
    return tracker.attach(event);
  }

  /**
   * Settles the command {@code message} ends, if any; call after the listener was handed the
   * message, so that it hears the events of a command before the command's future completes. A
   * {@code quit} completes only when the connection is gone ({@link #endAll}).
   */
  void settle(ServerMessage message) {
    if (message instanceof ServerMessage.Ok ok) {
      RequestTracker.Pending pending = tracker.take(ok.re());
      if (pending != null && pending.command instanceof ClientMessage.Quit) {
        quitting.add(pending.future);
      } else if (pending != null) {
        if (pending.answer instanceof ServerMessage.Joined joined) {
          joinCompleted.accept(joined);
        }
        pending.future.complete(new Reply(pending.answer, ok));
      }
    } else if (message instanceof ServerMessage.Error error && error.re() != null) {
      RequestTracker.Pending pending = tracker.take(error.re());
      if (pending != null) {
        pending.future.completeExceptionally(new ChatErrorException(error));
      }
    } else if (message instanceof ServerMessage.Pong pong && pong.id() != null) {
      RequestTracker.Pending pending = tracker.take(pong.id());
      if (pending != null) {
        pending.future.complete(new Reply(pong, null));
      }
    } else if (message instanceof ServerMessage.Bye) {
      RequestTracker.Pending quit = tracker.takeQuit();
      if (quit != null) {
        quitting.add(quit.future);
      }
    }
  }

  /**
   * The session ended ({@code reason}): every {@code quit} is done; every other command still
   * waiting fails with {@link ChatConnectionException}.
   */
  void endAll(String reason) {
    endAll(reason, false);
  }

  /**
   * The session ended ({@code reason}), as {@link #endAll(String)}; with {@code keepRetries}, a
   * {@code say} or {@code dm} with a {@code txn} is not failed but returned, to be retried on the
   * next connection (a {@code say} whose own message already came back completes instead: only its
   * ok was lost).
   */
  List<RequestTracker.Pending> endAll(String reason, boolean keepRetries) {
    quitting.forEach(quit -> quit.complete(new Reply(null, null)));
    quitting.clear();
    List<RequestTracker.Pending> kept = new ArrayList<>();
    for (RequestTracker.Pending pending : tracker.drain()) {
      if (pending.command instanceof ClientMessage.Quit) {
        pending.future.complete(new Reply(null, null));
      } else if (pending.answer instanceof ServerMessage.Message accepted) {
        pending.future.complete(UnackedSends.accepted(pending.command.id(), accepted));
      } else if (keepRetries && UnackedSends.txnOf(pending.command) != null) {
        kept.add(pending);
      } else {
        pending.future.completeExceptionally(new ChatConnectionException(reason + " before the answer to "
            + typeOf(pending.command) + " '" + pending.command.id() + "'"));
      }
    }
    return kept;
  }

  /** Our own message with a txn came back: see {@link RequestTracker#ownMessage}. */
  void ownMessage(ServerMessage.Message message) {
    tracker.ownMessage(message);
  }

  private static String typeOf(ClientMessage command) {
    return command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
