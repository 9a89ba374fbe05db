import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { PreviewPage } from "./PreviewPage";

/* global document */

// The browser preview: the same task pane over a workbook opened from disk, outside Office.
const container = document.getElementById("root");
if (!container) throw new Error('preview.html has no element with id "root"');
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <PreviewPage />
  </FluentProvider>,
);
