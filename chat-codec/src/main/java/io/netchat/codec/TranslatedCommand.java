package io.netchat.codec;

/**
 * A command of a protocol a listener translates into netchat's (IRC's): the pipeline passes it to
 * the session in place of a {@link ClientMessage}. The session charges it to flood control, holds
 * it while an earlier command waits (a password hash, the store), and then runs it on its loop,
 * handing it a {@link Sink} through which it runs the netchat commands it maps to and answers in
 * command order.
 */
public interface TranslatedCommand {

  /** Carries the command out; on the session's event loop, in arrival order. */
  void run(Sink sink);

  /** What a translated command may do with its session. Event loop only. */
  interface Sink {

    /** Runs {@code command} as the session's next command (already charged to flood control). */
    void dispatch(ClientMessage command);

    /** Writes {@code message} to the connection after the answers to the earlier commands. */
    void answer(Object message);

    /**
     * From now on, broadcasts reach the session in the fanout format {@code formatIndex}, and its
     * own room messages come back to it only when {@code echo}: the rooms it is in regroup it.
     */
    void deliverAs(int formatIndex, boolean echo);
  }
}
