import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { subscribeRunEvents } from "../commands/runEvents";
import { createExcelHost } from "../excel/createExcelHost";
import { App } from "./App";

/* global document, Office */

// The task pane inside Excel: once Office is ready, render the pane over the Office.js host,
// listening for runs the ribbon button starts in the same shared runtime.
Office.onReady(() => {
  const container = document.getElementById("root");
  if (!container) throw new Error('taskpane.html has no element with id "root"');
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createExcelHost()} runEvents={subscribeRunEvents} />
    </FluentProvider>,
  );
});
