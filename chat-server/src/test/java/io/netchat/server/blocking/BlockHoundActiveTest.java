package io.netchat.server.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.testkit.BlockingProbe;
import org.junit.jupiter.api.Test;

/**
 * Proves that BlockHound guards every test in this module: parking a Netty event loop thread is
 * reported as an error. So when the other tests pass, nothing in them blocked an event loop.
 */
class BlockHoundActiveTest {
  @Test
  void blockingOnAnEventLoopIsDetected() throws Exception {
    Throwable failure = BlockingProbe.blockAnEventLoop();
    assertThat(failure).isNotNull();
    assertThat(failure.getClass().getName()).isEqualTo(BlockingProbe.BLOCKHOUND_ERROR);
  }
}
