package io.netchat.client.cli;

import io.netchat.client.ChatConnectionException;
import io.netchat.client.ChatErrorException;
import io.netchat.codec.ClientMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs parsed script steps against a connected session and decides the exit code: 0 when every
 * step held, 1 naming the first failing line, 3 when the connection was lost (not by a quit the
 * script asked for).
 */
final class ScriptRunner {
  private final CliSession session;
  private final EventLog events;
  private final PrintStream err;
  private final String scriptName;
  private final Duration defaultTimeout;
  private final Duration commandTimeout;
  private boolean quitRequested;

  ScriptRunner(CliSession session, EventLog events, PrintStream err, String scriptName, Duration defaultTimeout) {
    this.session = session;
    this.events = events;
    this.err = err;
    this.scriptName = scriptName;
    this.defaultTimeout = defaultTimeout;
    this.commandTimeout = session.client().config().requestTimeout().plusSeconds(1);
  }

  int run(List<ScriptStep> steps) throws InterruptedException {
    for (ScriptStep step : steps) {
      int code = runStep(step);
      if (code != ExitCodes.OK) {
        return code;
      }
    }
    return ExitCodes.OK;
  }

  /** Whether the script itself ended the session (so a closed connection is no failure). */
  boolean quitRequested() {
    return quitRequested;
  }

  private int runStep(ScriptStep step) throws InterruptedException {
    if (step instanceof ScriptStep.Send send) {
      if (send.command() instanceof ClientMessage.Quit) {
        quitRequested = true;
      }
      session.client().send(send.command());
      return ExitCodes.OK;
    }
    if (step instanceof ScriptStep.Slash slash) {
      return runSlash(slash);
    }
    if (step instanceof ScriptStep.Expect expect) {
      return runExpect(expect);
    }
    if (step instanceof ScriptStep.Sleep sleep) {
      Thread.sleep(sleep.duration().toMillis());
      return ExitCodes.OK;
    }
    throw new IllegalStateException("unknown step " + step);
  }

  private int runSlash(ScriptStep.Slash slash) throws InterruptedException {
    if (slash.command().name().equals("quit")) {
      quitRequested = true;
    }
    try {
      String local = session.execute(slash.command()).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (local != null) {
        err.println(local);
      }
      return ExitCodes.OK;
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof ChatConnectionException && !quitRequested) {
        return fail(slash, ExitCodes.CONNECTION, "connection lost: " + TerminalText.escape(cause.getMessage()));
      }
      String why = cause instanceof ChatErrorException error
          ? "server answered error " + TerminalText.escape(error.wireCode() + ": " + error.error().message())
          : TerminalText.escape(cause.getMessage());
      return fail(slash, ExitCodes.SCRIPT_FAILED, "command failed: " + why);
    } catch (TimeoutException e) {
      return fail(slash, ExitCodes.SCRIPT_FAILED, "no answer within " + commandTimeout.toMillis() + " ms");
    }
  }

  private int runExpect(ScriptStep.Expect expect) throws InterruptedException {
    Duration timeout = expect.timeout() != null ? expect.timeout() : defaultTimeout;
    var matched = events.take(event -> expect.type().equals(event.path("type").asText())
        && expect.conditions().stream().allMatch(condition -> condition.test(event)), timeout);
    if (matched != null) {
      return ExitCodes.OK;
    }
    if (events.isClosed() && !quitRequested) {
      return fail(expect, ExitCodes.CONNECTION, "connection lost while waiting for " + expect.type());
    }
    return fail(expect, ExitCodes.SCRIPT_FAILED, "no matching " + expect.type() + " event within "
        + timeout.toMillis() + " ms (last events received: " + String.join(", ", events.recentTypes()) + ")");
  }

  private int fail(ScriptStep step, int code, String why) {
    err.println(scriptName + ":" + step.line() + ": " + why);
    err.println("  " + step.source());
    return code;
  }
}
