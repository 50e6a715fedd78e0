package io.netchat.client;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Commands sent with an {@code id} and not yet answered, in send order, bounded. An answer event
 * of contract 1.1 names its command ({@code re}); for a v1 session, which gets none, the server
 * handles one connection's commands in order, so an answer event ({@code joined},
 * {@code members}, …) belongs to the oldest matching command still waiting for one. Confined to
 * the client's event loop; not thread-safe.
 */
final class RequestTracker {

  /** One command awaiting its {@code ok}/{@code error}. */
  static final class Pending {
    final ClientMessage command;
    final CompletableFuture<Reply> future;
    ServerMessage answer;
    ScheduledFuture<?> timeout;

    Pending(ClientMessage command, CompletableFuture<Reply> future) {
      this.command = command;
      this.future = future;
    }
  }

  private final Map<String, Pending> byId = new LinkedHashMap<>();
  private final int maxPending;

  RequestTracker(int maxPending) {
    this.maxPending = maxPending;
  }

  /** Tracks {@code command}, which carries an id; fails when the id is in use or the bound is reached. */
  Pending register(ClientMessage command, CompletableFuture<Reply> future) {
    if (byId.size() >= maxPending) {
      throw new IllegalStateException("too many commands awaiting an answer (" + maxPending + ")");
    }
    if (byId.containsKey(command.id())) {
      throw new IllegalArgumentException("id '" + command.id() + "' is already awaiting an answer");
    }
    Pending pending = new Pending(command, future);
    byId.put(command.id(), pending);
    return pending;
  }

  /**
   * Attaches an answer event to its command; that command, or null. A 1.1 answer names its
   * command in {@code re}; a v1 session's answers carry no id, and go to the oldest command still
   * waiting for an answer of their kind ({@link #answers}).
   */
  Pending attach(ServerMessage event) {
    if (event instanceof ServerMessage.Answer answer && answer.re() != null) {
      Pending named = byId.get(answer.re());
      if (named == null || named.answer != null) {
        return null;
      }
      named.answer = event;
      return named;
    }
    for (Pending pending : byId.values()) {
      if (pending.answer == null && answers(pending.command, event)) {
        pending.answer = event;
        return pending;
      }
    }
    return null;
  }

  /**
   * Our own {@code message} came back with a {@code txn}: the {@code say} that sent it, if still
   * waiting for its ok, takes it as its answer (it is accepted even if the ok is lost). That say,
   * or null.
   */
  Pending ownMessage(ServerMessage.Message message) {
    for (Pending pending : byId.values()) {
      if (pending.answer == null && pending.command instanceof ClientMessage.Say say
          && message.txn().equals(say.txn()) && say.room().equalsIgnoreCase(message.room())) {
        pending.answer = message;
        return pending;
      }
    }
    return null;
  }

  /** Removes and returns the command with {@code id}, or null. */
  Pending take(String id) {
    Pending pending = id == null ? null : byId.remove(id);
    if (pending != null && pending.timeout != null) {
      pending.timeout.cancel(false);
    }
    return pending;
  }

  /** Removes and returns the oldest pending {@code quit}, or null. */
  Pending takeQuit() {
    for (Iterator<Pending> it = byId.values().iterator(); it.hasNext(); ) {
      Pending pending = it.next();
      if (pending.command instanceof ClientMessage.Quit) {
        it.remove();
        return pending;
      }
    }
    return null;
  }

  /** Removes and returns everything pending, oldest first. */
  List<Pending> drain() {
    List<Pending> all = new ArrayList<>(byId.values());
    byId.clear();
    all.forEach(pending -> {
      if (pending.timeout != null) {
        pending.timeout.cancel(false);
      }
    });
    return all;
  }

  int size() {
    return byId.size();
  }

  /** Whether {@code event} is the answer the server gives to {@code command} (v1 sessions: no {@code re}). */
  static boolean answers(ClientMessage command, ServerMessage event) {
    if (command instanceof ClientMessage.Hello) {
      return event instanceof ServerMessage.Welcome;
    }
    if (command instanceof ClientMessage.Join join) {
      return event instanceof ServerMessage.Joined joined && join.room().equalsIgnoreCase(joined.room());
    }
    if (command instanceof ClientMessage.Leave leave) {
      return event instanceof ServerMessage.Left left && leave.room().equalsIgnoreCase(left.room());
    }
    if (command instanceof ClientMessage.Topic topic) {
      return event instanceof ServerMessage.Topic answer && topic.room().equalsIgnoreCase(answer.room());
    }
    if (command instanceof ClientMessage.Who who) {
      return event instanceof ServerMessage.Members members && who.room().equalsIgnoreCase(members.room());
    }
    if (command instanceof ClientMessage.Rooms) {
      return event instanceof ServerMessage.Rooms;
    }
    if (command instanceof ClientMessage.Whois whois) {
      return event instanceof ServerMessage.Whois answer && whois.nick().equalsIgnoreCase(answer.nick());
    }
    if (command instanceof ClientMessage.History history) {
      return event instanceof ServerMessage.History answer && history.room().equalsIgnoreCase(answer.room());
    }
    if (command instanceof ClientMessage.Dms) {
      return event instanceof ServerMessage.DmStream;
    }
    if (command instanceof ClientMessage.Bans bans) {
      return event instanceof ServerMessage.Bans answer && bans.room().equalsIgnoreCase(answer.room());
    }
    if (command instanceof ClientMessage.Mode mode && mode.isRead()) {
      // the answer to a read, not a change broadcast meanwhile (which says who made it)
      return event instanceof ServerMessage.Mode answer && answer.by() == null && mode.room().equalsIgnoreCase(answer.room());
    }
    return false;
  }
}
