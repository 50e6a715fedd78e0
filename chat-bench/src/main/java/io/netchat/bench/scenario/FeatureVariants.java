package io.netchat.bench.scenario;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The variants of {@code netchat-bench features}: the plain {@code length}/{@code json} listener
 * with the memory store first (the reference), then one feature on at a time.
 *
 * @param variants what to measure, plain first
 * @param skipped features left out, each with why
 */
public record FeatureVariants(List<Variant> variants, List<String> skipped) {
  /** Where the {@code commit} variant keeps its database, emptied before each of its runs. */
  static final String DATA_DIR = "features-data";

  /** The variants for {@code features} (of tls, commit, metrics, irc) on top of {@code plain}'s settings. */
  public static FeatureVariants of(BenchSettings plain, List<String> features) {
    BenchSettings base = plain.withTargets(List.of(Target.NETCHAT)).withWireFormat("length", "json");
    List<Variant> variants = new ArrayList<>(List.of(new Variant("plain", base)));
    List<String> skipped = new ArrayList<>();
    for (String feature : features) {
      switch (feature) {
        case "tls" -> variants.add(new Variant("tls", base.withTargets(List.of(Target.NETCHAT_TLS))));
        case "commit" -> variants.add(new Variant("commit", base.withConfigSection("store",
            "{type: sqlite, durability: commit, data_dir: '" + dataDir(base).toAbsolutePath() + "'}")));
        case "metrics" -> variants.add(new Variant("metrics", base.withConfigSection("admin",
            "{host: 127.0.0.1, port: 0}")));
        case "irc" -> {
          java.util.Optional<Target> irc = ircTarget();
          String refused = ircRefusal();
          if (irc.isPresent() && refused == null) {
            variants.add(new Variant("irc", base.withTargets(List.of(irc.get()))));
          } else {
            skipped.add("irc: " + (refused != null ? refused
                : "this bench has no `" + IRC_TARGET + "` target to speak IRC to netchat's IRC listener"));
          }
        }
        default -> throw new IllegalArgumentException("unknown feature '" + feature
            + "': expected tls, commit, metrics or irc");
      }
    }
    return new FeatureVariants(variants, skipped);
  }

  /** The label of the target that is netchat's IRC listener spoken to in IRC (the IRC bench's). */
  static final String IRC_TARGET = "netchat-irc";

  /** The target that speaks IRC to netchat's IRC listener, where this bench has one. */
  static java.util.Optional<Target> ircTarget() {
    return java.util.Arrays.stream(Target.values()).filter(t -> t.label().equals(IRC_TARGET)).findFirst();
  }

  /** Why the irc row cannot run with this build, or null when the codec speaks {@code framing: irc}. */
  static String ircRefusal() {
    try {
      WireFormat.of("irc", "irc", Framing.DEFAULT_MAX_FRAME_LENGTH, CodecRegistry.load());
      return null;
    } catch (RuntimeException e) {
      return "this build refuses `framing: irc` (" + e.getMessage() + "); the row appears once the IRC listener"
          + " is merged";
    }
  }

  /** Before each run: an empty database for a variant with its own store. */
  public static void beforeRun(BenchSettings settings) {
    if (settings.configSections().containsKey("store")) {
      deleteTree(dataDir(settings));
    }
  }

  private static Path dataDir(BenchSettings settings) {
    return settings.resultDir().resolve("logs").resolve(DATA_DIR);
  }

  /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + dir, e);
    }
  }
}
