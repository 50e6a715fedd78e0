package io.netchat.bench.load;

import io.netty.channel.Channel;
import java.util.List;

/**
 * How connecting went.
 *
 * @param channels the channel of each plan that completed its handshake, {@code null} for the
 *     others, in plan order
 * @param failed connections that failed or did not finish in time
 * @param elapsedNanos from the first connect to the last handshake that completed
 * @param firstFailure description of the first failure, or {@code null}
 */
public record ConnectResult(List<Channel> channels, int failed, long elapsedNanos, String firstFailure) {

  /** Connections that completed their handshake. */
  public int connected() {
    return channels.size() - failed;
  }
}
