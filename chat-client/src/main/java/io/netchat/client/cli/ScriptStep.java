package io.netchat.client.cli;

import io.netchat.codec.ClientMessage;
import java.time.Duration;
import java.util.List;

/** One statement of a client script, with the line it came from (for error messages). */
sealed interface ScriptStep {

  /** 1-based line number in the script. */
  int line();

  /** The statement as written. */
  String source();

  /** Send a command written as JSON, exactly as written; do not wait for an answer. */
  record Send(int line, String source, ClientMessage command) implements ScriptStep {}

  /** Run a slash command and wait for it to succeed. */
  record Slash(int line, String source, SlashCommand command) implements ScriptStep {}

  /** Wait for an event of {@code type} matching every condition (timeout null: the default). */
  record Expect(int line, String source, String type, List<FieldMatch> conditions, Duration timeout)
      implements ScriptStep {}

  /** Pause. */
  record Sleep(int line, String source, Duration duration) implements ScriptStep {}
}
