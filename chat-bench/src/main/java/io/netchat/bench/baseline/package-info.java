/**
 * The baseline: a minimal Netty fan-out server with netchat's framing, giving the ceiling this
 * machine and this generator allow.
 */
package io.netchat.bench.baseline;
