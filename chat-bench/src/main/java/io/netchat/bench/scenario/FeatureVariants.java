package io.netchat.bench.scenario;

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
 */
public record FeatureVariants(List<Variant> variants) {
  /** Where the {@code commit} variant keeps its database, emptied before each of its runs. */
  static final String DATA_DIR = "features-data";

  /** The variants for {@code features} (of tls, commit, metrics, irc) on top of {@code plain}'s settings. */
  public static FeatureVariants of(BenchSettings plain, List<String> features) {
    BenchSettings base = plain.withTargets(List.of(Target.NETCHAT)).withWireFormat("length", "json");
    List<Variant> variants = new ArrayList<>(List.of(new Variant("plain", base)));
    for (String feature : features) {
      switch (feature) {
        case "tls" -> variants.add(new Variant("tls", base.withTargets(List.of(Target.NETCHAT_TLS))));
        case "commit" -> variants.add(new Variant("commit", base.withConfigSection("store",
            "{type: sqlite, durability: commit, data_dir: '" + dataDir(base).toAbsolutePath() + "'}")));
        case "metrics" -> variants.add(new Variant("metrics", base.withConfigSection("admin",
            "{host: 127.0.0.1, port: 0}")));
        case "irc" -> variants.add(new Variant("irc", base.withTargets(List.of(Target.NETCHAT_IRC))));
        default -> throw new IllegalArgumentException("unknown feature '" + feature
            + "': expected tls, commit, metrics or irc");
      }
    }
    return new FeatureVariants(variants);
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
