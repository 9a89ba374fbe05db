// Jest reporter: ends the run with one plain line, "N passed, N failed[, N skipped]", that any CI
// log reader understands (Jest's own summary stays above it).
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
    // After Jest's own summary, which its default reporter prints later in the same tick.
    process.once("exit", () => process.stderr.write(`${line}\n`));
  }
}
module.exports = PlainSummaryReporter;
