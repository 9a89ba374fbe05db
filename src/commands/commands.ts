import { removeScorecardFromRibbon } from "./removeScorecardFromRibbon";
import { scoreThisQuarter } from "./scoreThisQuarter";

/* global Office */

// Ribbon commands. In the shared runtime this file loads in the task pane's page (taskpane.html),
// so the button's run and the pane share one runtime, one run guard and one event bus.
Office.onReady(() => {
  // Nothing to set up: the actions below are registered as soon as the script loads.
});

Office.actions.associate("scoreThisQuarter", (event: Office.AddinCommands.Event) => {
  void scoreThisQuarter(event, { showTaskpane: () => Office.addin.showAsTaskpane() });
});

Office.actions.associate("removeScorecard", (event: Office.AddinCommands.Event) => {
  void removeScorecardFromRibbon(event);
});
