package io.netchat.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netchat.server.RepeatedLog;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ChatCounters.TlsFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The two TLS helpers of the server pipeline, each alone on an {@link EmbeddedChannel}. */
class TlsHandlersTest {
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final ChatCounters counters = new ChatCounters(1);
  private RepeatedLog log;

  @BeforeEach
  void capture() {
    Logger logger = (Logger) LoggerFactory.getLogger("tls-handlers-test");
    lines.start();
    logger.addAppender(lines);
    log = new RepeatedLog(logger, Level.INFO, Duration.ofSeconds(10), 16);
  }

  @Test
  void aClientHelloOnAPlaintextListenerIsReleasedLoggedAndClosed() {
    EmbeddedChannel channel = new EmbeddedChannel(new TlsOnPlaintextGuard(log));
    ByteBuf hello = Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40, 0x01});

    channel.writeInbound(hello);

    assertThat(hello.refCnt()).isZero();
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(channel.isOpen()).isFalse();
    assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
        .contains("began a TLS handshake on a plaintext listener");
  }

  @Test
  void anyOtherFirstByteGoesOnAndTheGuardStepsAside() {
    EmbeddedChannel channel = new EmbeddedChannel(new TlsOnPlaintextGuard(log));
    ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {0x00, 0x00, 0x00, 0x02, '{', '}'});

    channel.writeInbound(frame);

    assertThat((ByteBuf) channel.readInbound()).isSameAs(frame);
    assertThat(channel.pipeline().get(TlsOnPlaintextGuard.class)).isNull();
    ByteBuf later = Unpooled.wrappedBuffer(new byte[] {0x16});
    channel.writeInbound(later);
    assertThat((ByteBuf) channel.readInbound()).isSameAs(later);
    assertThat(channel.isOpen()).isTrue();
    frame.release();
    later.release();
    assertThat(lines.list).isEmpty();
  }

  @Test
  void anEmptyReadDecidesNothing() {
    EmbeddedChannel channel = new EmbeddedChannel(new TlsOnPlaintextGuard(log));
    channel.writeInbound(Unpooled.EMPTY_BUFFER);
    assertThat(channel.pipeline().get(TlsOnPlaintextGuard.class)).isNotNull();
    ByteBuf hello = Unpooled.wrappedBuffer(new byte[] {0x16, 0x03});
    channel.writeInbound(hello);
    assertThat(channel.isOpen()).isFalse();
    assertThat(hello.refCnt()).isZero();
    channel.releaseInbound();
  }

  @Test
  void aFailedHandshakeIsOneLogLineAndAClose() {
    EmbeddedChannel channel = new EmbeddedChannel(new TlsFailureLog(log, counters));
    NotSslRecordException plaintext = new NotSslRecordException("not an SSL/TLS record");

    channel.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(plaintext));
    assertThat(channel.isOpen()).isFalse();

    EmbeddedChannel second = new EmbeddedChannel(new TlsFailureLog(log, counters));
    second.pipeline().fireExceptionCaught(new DecoderException(plaintext));
    second.checkException(); // swallowed: not an internal error
    assertThat(second.isOpen()).isFalse();
    assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
        .contains("TLS handshake with").contains("not a TLS client (plaintext on a TLS listener)");
  }

  @Test
  void eachHandshakeFailureHasABoundedReason() {
    assertThat(TlsFailureLog.reason(new NotSslRecordException("x"))).isEqualTo(TlsFailure.NOT_TLS);
    assertThat(TlsFailureLog.reason(new SslHandshakeTimeoutException("x"))).isEqualTo(TlsFailure.TIMEOUT);
    assertThat(TlsFailureLog.reason(new ClosedChannelException())).isEqualTo(TlsFailure.CLOSED);
    assertThat(TlsFailureLog.reason(new SSLHandshakeException("Empty client certificate chain")))
        .isEqualTo(TlsFailure.BAD_CERTIFICATE);
    assertThat(TlsFailureLog.reason(new SSLHandshakeException("PKIX path building failed")
        .initCause(new CertificateException("unable to find a valid path")))).isEqualTo(TlsFailure.BAD_CERTIFICATE);
    assertThat(TlsFailureLog.reason(new SSLHandshakeException("No appropriate protocol (protocol is disabled or"
        + " cipher suites are inappropriate)"))).isEqualTo(TlsFailure.PROTOCOL);
    assertThat(TlsFailureLog.reason(new IllegalStateException())).isEqualTo(TlsFailure.OTHER);
  }

  @Test
  void otherErrorsAndSuccessfulHandshakesPassThrough() {
    EmbeddedChannel channel = new EmbeddedChannel(new TlsFailureLog(log, counters));
    channel.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
    assertThat(channel.isOpen()).isTrue();
    IllegalStateException bug = new IllegalStateException("a bug");
    channel.pipeline().fireExceptionCaught(bug);
    org.assertj.core.api.Assertions.assertThatThrownBy(channel::checkException).isSameAs(bug);
    assertThat(lines.list).isEmpty();
  }
}
