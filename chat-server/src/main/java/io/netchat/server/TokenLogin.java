package io.netchat.server;

import io.netchat.codec.ByeCode;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.TokenClaims;
import io.netchat.server.auth.TokenRefused;
import io.netchat.server.auth.TokenWorkers;
import io.netchat.server.room.Names;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hello{token}} and {@code refresh{token}} (docs/PROTOCOL.md §16). The token is checked on
 * the {@link TokenWorkers}' threads as asynchronous work of the session's command order (as a store
 * commit is), so that the answer keeps its place among the session's answers and later commands
 * wait for it; the continuation, back on the session's loop, logs the session in or refuses it with
 * {@code error{bad_credentials}} then {@code bye{bad_credentials}}. A logged-in token session ends
 * with {@code bye{token_expired}} at its token's {@code exp} (plus skew) unless a {@code refresh}
 * moved that deadline.
 */
final class TokenLogin {
  private static final Logger log = LoggerFactory.getLogger(TokenLogin.class);
  private static final CompletableFuture<Void> ANSWERED = CompletableFuture.completedFuture(null);

  /** Logs a session in as a nick its token proved, answering through {@code out} (CommandDispatcher). */
  interface Login {
    void logIn(Session session, ClientMessage.Hello hello, String nick, TokenClaims claims, Consumer<Object> out);
  }

  private final ServerContext context;
  private final TokenWorkers workers;
  private final Login login;

  /** @param workers where tokens are checked; null when the server takes no tokens */
  TokenLogin(ServerContext context, TokenWorkers workers, Login login) {
    this.context = context;
    this.workers = workers;
    this.login = login;
  }

  /** {@code hello{token}}: checks the token, then logs in as its {@code sub} (session loop). */
  void hello(Session session, ClientMessage.Hello hello) {
    session.negotiate(true, Set.of(), null); // a token hello is a 1.1 hello: a refusal comes with its bye code
    if (workers == null) {
      session.afterAnswers(() -> refuse(session, hello.id(), "hello", "this server accepts no tokens"));
      return;
    }
    session.loggingIn(true);
    session.submitAsync(session.loop(), () -> check(session, hello.token(), hello.id(), "hello", claims -> {
      if (hello.nick() != null && !Names.key(hello.nick()).equals(claims.account())) {
        refuse(session, hello.id(), "hello", "the token is for another nick than the hello's");
        return;
      }
      try {
        login.logIn(session, hello, claims.nick(), claims, session::write);
      } catch (ChatCodecException e) {
        session.write(ServerMessage.Error.of(e.withRe(hello.id()).withCommand("hello")));
      }
    }));
  }

  /**
   * {@code refresh{token}}: a valid token for the session's own account replaces its claims (rooms,
   * deadline) and is answered {@code ok}; any other ends the session as a bad {@code hello} would.
   */
  void refresh(Session session, ClientMessage.Refresh refresh) {
    if (session.token() == null) {
      throw new ChatCodecException(ErrorCode.FORBIDDEN, "this session did not log in with a token");
    }
    session.submitAsync(session.loop(), () -> check(session, refresh.token(), refresh.id(), "refresh", claims -> {
      if (!claims.account().equals(session.account())) {
        refuse(session, refresh.id(), "refresh", "the token is for another user than the session's");
        return;
      }
      session.token(claims);
      expireAt(session);
      if (refresh.id() != null) {
        session.write(new ServerMessage.Ok(refresh.id()));
      }
    }));
  }

  /** Sets the session's deadline to its token's: {@code bye{token_expired}} then (session loop). */
  void expireAt(Session session) {
    session.expiry().schedule(session.loop(), context.clock(), session.token().validUntil(), () -> {
      log.info("closing {}: its token expired", session);
      session.close(ByeCode.TOKEN_EXPIRED, closeGraceMillis());
    });
  }

  /**
   * Checks {@code token} on the workers; then, on the session's loop and before the stage returned
   * completes, hands its claims to {@code accepted} or refuses the session. A full queue is answered
   * {@code unavailable} (temporary) at once, without closing.
   */
  private CompletionStage<?> check(Session session, String token, String id, String command,
      Consumer<TokenClaims> accepted) {
    CompletableFuture<TokenClaims> verified;
    try {
      verified = workers.verify(token);
    } catch (RejectedExecutionException busy) {
      session.loggingIn(false);
      session.write(new ServerMessage.Error(id, ErrorCode.UNAVAILABLE.wireName(),
          "too many tokens are being checked; try again", command, true, null, null));
      return ANSWERED;
    }
    return verified.handleAsync((claims, failure) -> {
      session.loggingIn(false);
      if (session.isClosing() || !session.channel().isActive()) {
        return null; // gone meanwhile: its cleanup has run, so nothing may be claimed for it now
      }
      if (failure == null) {
        accepted.accept(claims);
      } else {
        refuse(session, id, command, reason(failure));
      }
      return null;
    }, session.loop());
  }

  /** Answers {@code error{bad_credentials}} and ends the session with {@code bye{bad_credentials}} (session loop). */
  private void refuse(Session session, String id, String command, String reason) {
    context.refusals().log("refused token: " + reason, "refused a token from " + session.remoteHost() + ": " + reason);
    session.write(new ServerMessage.Error(id, ErrorCode.BAD_CREDENTIALS, reason).forCommand(command));
    session.close(ByeCode.BAD_CREDENTIALS, closeGraceMillis());
  }

  private static String reason(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TokenRefused refused) {
      return refused.getMessage();
    }
    log.warn("a token check failed", cause);
    return "the token could not be checked";
  }

  private long closeGraceMillis() {
    return context.config().timeouts().shutdownGrace().toMillis();
  }
}
