package io.netchat.server;

import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.AuthRefusal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Finishes a command whose work waits for the store or a password hash. Until the work completes
 * the session is paused: its later commands are held (see {@code SessionHandler}) so that they
 * run, and are answered, after this one. The rest of the command runs on the session's loop;
 * a refusal ({@link AuthRefusal}, {@link ChatCodecException}) is answered as the command's error.
 * Work that is already complete (the memory store) finishes at once, without a pause.
 */
final class Awaited {
  private Awaited() {}

  /** Runs {@code then} with the value of {@code work} on the session's loop, once it completes (event loop). */
  static <T> void then(Session session, ClientMessage command, CompletableFuture<T> work, Consumer<T> then) {
    if (work.isDone()) {
      finish(session, command, work, then);
      return;
    }
    session.pause();
    try {
      work.whenCompleteAsync((value, failure) -> {
        try {
          finish(session, command, work, then);
        } finally {
          session.unpause();
        }
      }, session.loop());
    } catch (RejectedExecutionException shutDown) {
      // the loop is gone, and the connection with it
    }
  }

  private static <T> void finish(Session session, ClientMessage command, CompletableFuture<T> work, Consumer<T> then) {
    String type = ClientMessage.typeName(command);
    try {
      T value;
      try {
        value = work.getNow(null);
      } catch (CompletionException failed) {
        throw AuthRefusal.of(failed);
      }
      then.accept(value);
    } catch (AuthRefusal refusal) {
      session.answer(refusal.error(command.id(), type));
    } catch (ChatCodecException e) {
      session.answer(ServerMessage.Error.of(e.withRe(command.id()).withCommand(type)));
    } catch (RuntimeException bug) {
      session.channel().pipeline().fireExceptionCaught(bug); // the session handler logs it and closes
    }
  }
}
