package io.netchat.client;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The {@code say}s and {@code dm}s whose connection was lost before their {@code ok} (contract 1.1
 * safe retries). Each carries a {@code txn}. After the reconnect, the re-joins' backlogs are
 * searched for the client's own messages with those txns: a say found there was accepted (only its
 * ok was lost) and completes without being sent again; the rest are sent again with the same txn,
 * which the server answers {@code duplicate} if it did accept them. The user's future completes
 * once, with the outcome. At most as many as commands may be pending ({@code maxPendingRequests}).
 * Confined to the client's event loop.
 */
final class UnackedSends {
  private final Map<String, RequestTracker.Pending> byTxn = new LinkedHashMap<>();

  /** The {@code txn} of a say or dm, or null. */
  static String txnOf(ClientMessage command) {
    if (command instanceof ClientMessage.Say say) {
      return say.txn();
    }
    return command instanceof ClientMessage.Dm dm ? dm.txn() : null;
  }

  /** The reply of a say whose own message came back though its ok did not. */
  static Reply accepted(String id, ServerMessage.Message message) {
    return new Reply(message, new ServerMessage.Ok(id, message.seq(), message.msgid(), null));
  }

  /** Holds sends that lost their connection, until the next one. */
  void hold(List<RequestTracker.Pending> sends) {
    for (RequestTracker.Pending pending : sends) {
      byTxn.put(txnOf(pending.command), pending);
    }
  }

  boolean isEmpty() {
    return byTxn.isEmpty();
  }

  /** Our own {@code message} with a txn, e.g. in a re-join's backlog: completes the say that sent it, if held. */
  void ownMessage(ServerMessage.Message message) {
    RequestTracker.Pending pending = byTxn.get(message.txn());
    if (pending != null && pending.command instanceof ClientMessage.Say say
        && say.room().equalsIgnoreCase(message.room())) {
      byTxn.remove(message.txn());
      pending.future.complete(accepted(say.id(), message));
    }
  }

  /**
   * Sends every held command again, in the order they were first sent, under a new id from
   * {@code ids} and the same txn, through {@code send}; each first future completes with the
   * outcome of its retry.
   */
  void retry(Supplier<String> ids, Sender send) {
    List<RequestTracker.Pending> held = new ArrayList<>(byTxn.values());
    byTxn.clear();
    for (RequestTracker.Pending pending : held) {
      ClientMessage again = pending.command instanceof ClientMessage.Say say
          ? new ClientMessage.Say(ids.get(), say.room(), say.text(), say.txn())
          : retryDm((ClientMessage.Dm) pending.command, ids.get());
      CompletableFuture<Reply> outcome = new CompletableFuture<>();
      outcome.whenComplete((reply, error) -> {
        if (error != null) {
          pending.future.completeExceptionally(error);
        } else {
          pending.future.complete(reply);
        }
      });
      send.send(again, outcome);
    }
  }

  private static ClientMessage.Dm retryDm(ClientMessage.Dm dm, String id) {
    return new ClientMessage.Dm(id, dm.to(), dm.text(), dm.txn());
  }

  /** The client stops for good: every held send fails. */
  void failAll(String reason) {
    for (Iterator<RequestTracker.Pending> it = byTxn.values().iterator(); it.hasNext(); ) {
      RequestTracker.Pending pending = it.next();
      it.remove();
      pending.future.completeExceptionally(new ChatConnectionException(reason + " before the answer to '"
          + pending.command.id() + "' (not retried)"));
    }
  }

  /** Writes a command and settles {@code outcome} with its answer. */
  @FunctionalInterface
  interface Sender {
    void send(ClientMessage command, CompletableFuture<Reply> outcome);
  }
}
