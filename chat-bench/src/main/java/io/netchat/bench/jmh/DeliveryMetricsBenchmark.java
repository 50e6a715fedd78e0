package io.netchat.bench.jmh;

import io.netchat.bench.load.SendStamp;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.HandlerNames;
import io.netchat.codec.InboundPolicy;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ConnectionMetrics;
import io.netchat.server.metrics.ListenerTraffic;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics add to one delivery of a broadcast frame, in isolation: the frame is written
 * from the message encoder's context (as {@code Session.deliver} does) down a server pipeline with
 * and without the counting handlers ({@code traffic} at the head, {@code metrics} above the
 * encoder, which a delivery skips), and the fanout's one {@link LongAdder} add per loop group.
 * Per delivery, average time; 64 deliveries per flush, as a loop pass to a busy room would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeliveryMetricsBenchmark {
  private static final int BATCH = 64;

  @Param({"off", "on"})
  public String metrics;

  private EmbeddedChannel channel;
  private ChannelHandlerContext framed;
  private ByteBuf frame;
  private LongAdder deliveries;

  @Setup
  public void setUp() {
    boolean on = metrics.equals("on");
    WireFormat format = WireFormat.of("length", "json", 65_536, CodecRegistry.load());
    channel = new EmbeddedChannel();
    ChatCounters counters = new ChatCounters(1);
    if (on) {
      channel.pipeline().addLast(ListenerTraffic.NAME, new ListenerTraffic(counters.listener(0)));
    }
    format.install(channel.pipeline(), Side.SERVER, InboundPolicy.UNBOUNDED);
    if (on) {
      channel.pipeline().addLast(ConnectionMetrics.NAME, new ConnectionMetrics(counters));
    }
    framed = channel.pipeline().context(HandlerNames.MESSAGE_ENCODER);
    deliveries = on ? counters.deliveries() : null;
    frame = format.encode(new ServerMessage.Message("lobby", 42_317, "alice", SendStamp.text(123_456_789L, 128),
        Instant.parse("2026-01-02T03:04:05.678Z")), ByteBufAllocator.DEFAULT);
  }

  @TearDown
  public void tearDown() {
    frame.release();
    channel.finishAndReleaseAll();
  }

  /** 64 deliveries of one shared frame to one connection, then its flush. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void deliver() {
    for (int i = 0; i < BATCH; i++) {
      framed.write(frame.retainedDuplicate(), channel.voidPromise());
    }
    if (deliveries != null) {
      deliveries.add(BATCH);
    }
    channel.flush();
    for (Object written = channel.readOutbound(); written != null; written = channel.readOutbound()) {
      ((ByteBuf) written).release();
    }
  }
}
