import { readFileSync } from "fs";
import { JSDOM } from "jsdom";
import { documentSheetMemory } from "../../src/excel/documentSheetMemory";
import type { ExcelDeps } from "../../src/excel/excelDeps";
import type { FakeExcel, SyncRecord } from "./FakeExcel";
import { RichApiWorkbook, type RichApiRequestBody } from "./RichApiWorkbook";

/** Microsoft's Excel client library for Excel on the web, debug build, from `@microsoft/office-js`. */
const OFFICE_JS = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");

/** Office's RichApi error codes for refusals before a request runs (office.js, RichApiMessageUtility). */
const OOE = { requestTooLarge: 5103, responseTooLarge: 5104, cellEditMode: 5004 } as const;
/** The request flag Excel.run sets for `delayForCellEdit`. */
const DELAY_FOR_CELL_EDIT = 64;

/** One request office.js sent, as measured from its serialised body. */
export interface HarnessRequest extends SyncRecord {
  /** Bytes of the response body (0 when refused before running). */
  responseBytes: number;
  /** Sent by Excel.run after the batch to drop kept references (`_RemoveReference`), not by our code. */
  cleanup: boolean;
  /** The request as sent (kept only with `keepBodies`). */
  body?: RichApiRequestBody;
}

/** How the harness's Excel behaves. */
export interface OfficeJsHarnessOptions {
  /** Keep each request's parsed body in `requests` (for tests that look inside). */
  keepBodies?: boolean;
}

type OfficeWindow = Window & {
  eval(code: string): unknown;
  Excel: typeof Excel;
  Office: typeof Office;
  OfficeExtension: typeof OfficeExtension;
  OSF: { DDA: { RichApi: { executeRichApiRequestAsync: unknown } }; _OfficeAppFactory?: unknown };
};

/** The office.js source, read once per process. */
let source: string | undefined;

/**
 * Runs our Office.js host through Microsoft's own Excel client library: the real `excel-web-16.00`
 * office.js is loaded in a jsdom window, and Office's transport for Excel on the web
 * (`OSF.DDA.RichApi.executeRichApiRequestAsync`, which office.js's own request executor calls) is
 * answered by `RichApiWorkbook` from a `FakeExcel` workbook model. So the host runs on Microsoft's
 * proxies, load rules (`PropertyNotLoaded`, `isNullObject`), object paths, request serializer and
 * error objects; `Excel.run({ delayForCellEdit: true }, ...)` is the real one.
 *
 * Each request is measured from the body office.js serialised and checked against Excel on the
 * web's limits, refused with Office's own codes: a request body over `maxRequestBytes` (5 MB)
 * → `RequestPayloadSizeLimitExceeded`, a response over `maxResponseBytes` →
 * `ResponsePayloadSizeLimitExceeded`, a sync during cell edit without `delayForCellEdit` →
 * `InvalidOperationInCellEditMode`. Requests made by our code are appended to the model's
 * `syncs` (as the fake's are), so a test reads `fake.syncs` whichever backend ran;
 * `requests` also lists Excel.run's own clean-up request. `Office.context.requirements`
 * answers from the model's `supports`. Nothing reaches the network.
 *
 * @example
 * const fake = FakeExcel.fromGrid(kpiWorkbook(10));
 * const { report } = await runScore({}, OfficeJsHarness.for(fake).deps());
 * fake.syncs.map((s) => s.bytes); // the real request sizes
 */
export class OfficeJsHarness {
  readonly window: OfficeWindow;
  readonly server: RichApiWorkbook;
  /** Every request office.js sent, clean-up requests included. */
  readonly requests: HarnessRequest[] = [];

  private static readonly attached = new WeakMap<FakeExcel, OfficeJsHarness>();

  /** The harness over `fake`, made on first use; one window per model, so its runtime persists. */
  static for(fake: FakeExcel, options: OfficeJsHarnessOptions = {}): OfficeJsHarness {
    let harness = OfficeJsHarness.attached.get(fake);
    if (!harness) {
      harness = new OfficeJsHarness(fake, options);
      OfficeJsHarness.attached.set(fake, harness);
    }
    return harness;
  }

  constructor(
    readonly excel: FakeExcel,
    private readonly options: OfficeJsHarnessOptions = {},
  ) {
    this.server = new RichApiWorkbook(excel);
    source ??= readFileSync(OFFICE_JS, "utf8");
    // No URL fetches: jsdom runs only the script we hand it, and loads no resources.
    const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
      runScripts: "outside-only",
      url: "https://localhost/",
    });
    this.window = dom.window as unknown as OfficeWindow;
    this.window.eval(source);
    // `Office.context` is office.js's getter over its app factory, which the loader (absent here) sets.
    const context = {
      requirements: { isSetSupported: (set: string, version?: string) => this.supports(set, version) },
      document: { settings: excel.documentSettings() },
    };
    this.window.OSF._OfficeAppFactory = { getContext: () => context };
    this.window.OSF.DDA.RichApi.executeRichApiRequestAsync = (
      message: unknown[],
      callback: (result: unknown) => void,
    ) => callback(this.transport(String(message[4]), Number(message[6])));
  }

  /** Host dependencies running on office.js, as `defaultExcelDeps()` builds them inside Office. */
  deps(): ExcelDeps {
    return {
      run: (batch) => this.window.Excel.run({ delayForCellEdit: true }, batch),
      supports: (set, version) => this.supports(set, version),
      sheetMemory: documentSheetMemory(this.excel.documentSettings(), this.excel.runtimeCache),
    };
  }

  /** `Excel.run` without options (no `delayForCellEdit`). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.window.Excel.run(batch);
  }

  /** Requirement sets: the model's ExcelApi answer; the runtime sets a shared-runtime host has. */
  supports(set: string, version?: string): boolean {
    if (set === "ExcelApi") return this.excel.supports(set, version ?? "1.1");
    return ["DelayForCellEdit", "SharedRuntime", "Settings", "RichApiRuntimeFlag"].includes(set);
  }

  /** One request over Office's transport: checked, run, answered as Excel on the web answers. */
  private transport(text: string, flags: number): unknown {
    const body = JSON.parse(text) as RichApiRequestBody;
    const cleanup = body.Actions.every((a) => a.ActionType === 1 || a.Name === "_RemoveReference");
    const record: HarnessRequest = {
      bytes: Buffer.byteLength(text, "utf8"),
      actions: body.Actions.length,
      suspendedCalculation: body.Actions.some((a) => a.Name === "SuspendApiCalculationUntilNextSync"),
      responseBytes: 0,
      cleanup,
      ...(this.options.keepBodies ? { body } : {}),
    };
    this.requests.push(record);
    if (!cleanup) this.excel.syncs.push(record);
    const refuse = (code: number, name: string, message: string) => {
      record.error = name;
      return { status: "failed", error: { code, message } };
    };
    if (this.excel.cellEditMode) {
      if (!(flags & DELAY_FOR_CELL_EDIT))
        return refuse(OOE.cellEditMode, "InvalidOperationInCellEditMode", "Excel is in cell-edit mode.");
      this.excel.cellEditMode = false; // Excel waited until the officer pressed Enter.
    }
    if (record.bytes > this.excel.options.maxRequestBytes)
      return refuse(
        OOE.requestTooLarge,
        "RequestPayloadSizeLimitExceeded",
        "The request payload size has exceeded the limit.",
      );
    const response = this.server.execute(body);
    const answer = JSON.stringify(response);
    record.responseBytes = Buffer.byteLength(answer, "utf8");
    if (record.responseBytes > this.excel.options.maxResponseBytes)
      return refuse(
        OOE.responseTooLarge,
        "ResponsePayloadSizeLimitExceeded",
        "The response payload size has exceeded the limit.",
      );
    if (response.Error) record.error = response.Error.Code;
    return { status: "succeeded", value: { data: [200, [], answer] } };
  }
}
