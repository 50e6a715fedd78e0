/** The scenarios (fanout, idle, sweep, smoke): each runs against netchat and the baseline in turn. */
package io.netchat.bench.scenario;
