/** The load generator: connections, handshakes, the publish schedule and delivery accounting. */
package io.netchat.bench.load;
