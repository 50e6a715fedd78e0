/** Figures of a run, the one-line summaries and the JSON result file. */
package io.netchat.bench.report;
