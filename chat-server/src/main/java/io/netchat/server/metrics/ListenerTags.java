package io.netchat.server.metrics;

import io.micrometer.core.instrument.Tags;

/**
 * The labels of one listener's meters: its bound address, framing and codec (a handful of values
 * fixed by the configuration).
 */
public record ListenerTags(String address, String framing, String codec) {
  Tags tags() {
    return Tags.of("listener", address, "framing", framing, "codec", codec);
  }
}
