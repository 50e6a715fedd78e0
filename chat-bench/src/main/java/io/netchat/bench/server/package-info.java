/** The servers under test as separate processes: launch, readiness, CPU pinning, CPU and memory probes. */
package io.netchat.bench.server;
