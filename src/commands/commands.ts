import { reportCommandFailure } from "./reportCommandFailure";

/* global Office */

// Ribbon commands. In the shared runtime this file loads in the task pane's page (taskpane.html),
// so the button's run and the pane share one runtime, one run guard and one event bus.
Office.onReady(() => {
  // Nothing to set up: the actions below are registered as soon as the script loads.
});

// The handlers' code (the engine and the Excel host) loads on the first click, as a chunk of its
// own: the page's initial script stays small (docs/benchmarks.md case d).
Office.actions.associate("scoreThisQuarter", (event: Office.AddinCommands.Event) => {
  import(/* webpackChunkName: "excel-run" */ "./scoreThisQuarter").then(
    ({ scoreThisQuarter }) => scoreThisQuarter(event, { showTaskpane: () => Office.addin.showAsTaskpane() }),
    (e: unknown) => {
      reportCommandFailure(e);
      event.completed();
    },
  );
});

Office.actions.associate("removeScorecard", (event: Office.AddinCommands.Event) => {
  import(/* webpackChunkName: "excel-run" */ "./removeScorecardFromRibbon").then(
    ({ removeScorecardFromRibbon }) => removeScorecardFromRibbon(event),
    (e: unknown) => {
      reportCommandFailure(e);
      event.completed();
    },
  );
});
