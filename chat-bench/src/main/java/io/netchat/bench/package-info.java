/** The netchat benchmark tool: load generator, baseline fan-out server, scenarios and reports. */
package io.netchat.bench;
