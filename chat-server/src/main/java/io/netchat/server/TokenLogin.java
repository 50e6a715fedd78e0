package io.netchat.server;

import io.netchat.codec.ByeCode;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.TokenClaims;
import io.netchat.server.auth.TokenRefused;
import io.netchat.server.auth.TokenWorkers;
import io.netchat.server.metrics.ChatCounters.LoginFailure;
import io.netchat.server.room.Names;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hello{token}} and {@code refresh{token}} (docs/PROTOCOL.md §16). The token is checked on
 * the {@link TokenWorkers}' threads and the command finished with {@link Awaited}, as a password
 * login is: the session's later commands are held until it is answered, so answers stay in command
 * order. A valid hello logs in as the owner of the token's {@code sub} (the same path as a correct
 * password, {@link Login}); a refused token is answered {@code error{bad_credentials}} and ends the
 * session with {@code bye{bad_credentials}}. A logged-in token session ends with
 * {@code bye{token_expired}} at its token's {@code exp} (plus skew) unless a {@code refresh} moved
 * that deadline.
 */
final class TokenLogin {
  private static final Logger log = LoggerFactory.getLogger(TokenLogin.class);

  /** Logs a session in as the owner of the account its token names (CommandDispatcher#ownerHello). */
  interface Owner {
    void logIn(Session session, ClientMessage.Hello hello, Login login, String nick, String account,
        TokenClaims claims);
  }

  /** What a check came to: the claims, or why the token was refused. */
  private record Verdict(TokenClaims claims, Throwable failure) {}

  private final ServerContext context;
  private final TokenWorkers workers;
  private final Owner owner;

  /** @param workers where tokens are checked; null when the server takes no tokens */
  TokenLogin(ServerContext context, TokenWorkers workers, Owner owner) {
    this.context = context;
    this.workers = workers;
    this.owner = owner;
  }

  /** {@code hello{token}}: checks the token, then logs in as its {@code sub} (session loop). */
  void hello(Session session, ClientMessage.Hello hello, Login login) {
    if (workers == null) {
      refuse(session, hello.id(), "hello", "this server accepts no tokens", LoginFailure.BAD_TOKEN);
      return;
    }
    Awaited.then(session, hello, check(hello.token()), verdict -> {
      if (gone(session)) {
        return;
      }
      TokenClaims claims = verdict.claims();
      if (claims == null) {
        refuse(session, hello.id(), "hello", verdict.failure());
      } else if (hello.nick() != null && !Names.key(hello.nick()).equals(claims.account())) {
        refuse(session, hello.id(), "hello", "the token is for another nick than the hello's", LoginFailure.BAD_TOKEN);
      } else {
        owner.logIn(session, hello, login, claims.nick(), claims.account(), claims);
      }
    });
  }

  /**
   * {@code refresh{token}}: a valid token for the session's own account replaces its claims (rooms,
   * deadline) and is answered {@code ok}; any other ends the session as a bad {@code hello} would.
   */
  void refresh(Session session, ClientMessage.Refresh refresh) {
    if (session.token() == null) {
      throw new ChatCodecException(ErrorCode.FORBIDDEN, "this session did not log in with a token");
    }
    Awaited.then(session, refresh, check(refresh.token()), verdict -> {
      if (gone(session)) {
        return;
      }
      TokenClaims claims = verdict.claims();
      if (claims == null) {
        refuse(session, refresh.id(), "refresh", verdict.failure());
      } else if (!claims.account().equals(session.account())) {
        refuse(session, refresh.id(), "refresh", "the token is for another user than the session's",
            LoginFailure.BAD_TOKEN);
      } else {
        session.token(claims);
        expireAt(session);
        if (refresh.id() != null) {
          session.answer(new ServerMessage.Ok(refresh.id()));
        }
      }
    });
  }

  /** Sets the session's deadline to its token's: {@code bye{token_expired}} then (session loop). */
  void expireAt(Session session) {
    session.expiry().schedule(session.loop(), context.clock(), session.token().validUntil(), () -> {
      log.info("closing {}: its token expired", session);
      session.close(ByeCode.TOKEN_EXPIRED, closeGraceMillis());
    });
  }

  /**
   * Checks {@code token} on the workers; the verdict never fails, so that {@link Awaited} hands a
   * refusal to this class. A full queue is answered {@code unavailable} (temporary) at once, without
   * closing: the client may try again.
   */
  private CompletableFuture<Verdict> check(String token) {
    try {
      return workers.verify(token).handle(Verdict::new);
    } catch (RejectedExecutionException busy) {
      context.counters().loginFailed(LoginFailure.UNAVAILABLE);
      throw new ChatCodecException(ErrorCode.UNAVAILABLE, "too many tokens are being checked; try again");
    }
  }

  /** Gone meanwhile: its cleanup has run, so nothing may be claimed for it now. */
  private static boolean gone(Session session) {
    return session.isClosing() || !session.channel().isActive();
  }

  /** {@link #refuse(Session, String, String, String, LoginFailure)} for a token the workers refused. */
  private void refuse(Session session, String id, String command, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TokenRefused refused) {
      refuse(session, id, command, refused.getMessage(),
          refused.expired() ? LoginFailure.TOKEN_EXPIRED : LoginFailure.BAD_TOKEN);
    } else {
      log.warn("a token check failed", cause);
      refuse(session, id, command, "the token could not be checked", LoginFailure.UNAVAILABLE);
    }
  }

  /**
   * Answers {@code error{bad_credentials}} and ends the session with {@code bye{bad_credentials}}
   * (session loop); the refusal counts as a failed login for {@code why}.
   */
  private void refuse(Session session, String id, String command, String reason, LoginFailure why) {
    context.counters().loginFailed(why);
    context.refusals().log("refused token: " + reason, "refused a token from " + session.remoteHost() + ": " + reason);
    session.answer(new ServerMessage.Error(id, ErrorCode.BAD_CREDENTIALS, reason).forCommand(command));
    session.afterAnswers(() -> session.close(ByeCode.BAD_CREDENTIALS, closeGraceMillis()));
  }

  private long closeGraceMillis() {
    return context.config().timeouts().shutdownGrace().toMillis();
  }
}
