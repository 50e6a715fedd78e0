package io.netchat.bench.jmh;

import io.netchat.server.auth.PasswordHasher;
import io.netchat.server.config.PasswordConfig;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one login costs the server: checking a password against its stored Argon2id hash with the
 * default parameters ({@code auth.password}: 19 MiB, 2 passes, 1 lane), the whole of a login's CPU
 * but for a store read. Logins per second per hashing thread = 1 / this; the server checks
 * {@code auth.hashing.threads} at once. {@code register} and {@code passwd} cost one hash more.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordHashBenchmark {
  private PasswordHasher hasher;
  private String stored;

  @Setup
  public void hash() {
    hasher = new PasswordHasher(PasswordConfig.defaults(), new SecureRandom());
    stored = hasher.hash("correct horse battery staple");
  }

  /** One login's check with the default parameters, on one thread. */
  @Benchmark
  public boolean verifyDefault() {
    return hasher.verify("correct horse battery staple", stored);
  }
}
