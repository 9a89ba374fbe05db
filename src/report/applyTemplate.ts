import { Header, Footer, Paragraph } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SaxesParser } from "saxes";

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A package's parts by path. */
type Unzipped = Record<string, Uint8Array>;

/** Largest template read, in bytes (a council's letterhead with its logo is well under this). */
export const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;

/** A template the report cannot use: its one-line reason. */
export class ReportTemplateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ReportTemplateError";
  }
}

type HeaderFooterType = "default" | "first" | "even";

/** A header or footer part of the template, with its relationships (pictures such as a logo). */
interface TemplatePart {
  xml: Uint8Array;
  /** The part's relationships, each with its target resolved against word/ ("word/media/logo.png"). */
  rels: { id: string; type: string; target: string; external: boolean }[];
}

/** What the report takes from a council's Word template. */
export interface ReportTemplate {
  /** word/styles.xml, for docx's `externalStyles`: fonts, heading and caption styles. */
  styles: string;
  /** word/theme/theme1.xml (the theme fonts and colours the styles refer to). */
  theme?: Uint8Array;
  /** Page size and margins, in twips. */
  page?: {
    size: { width: number; height: number };
    margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  };
  /** A different first-page header and footer. */
  titlePage: boolean;
  headers: Partial<Record<HeaderFooterType, TemplatePart>>;
  footers: Partial<Record<HeaderFooterType, TemplatePart>>;
  /** The template's own parts (for copying pictures) and its content types by extension. */
  files: Unzipped;
  contentTypes: Record<string, string>;
  /** Empty headers and footers of the same kinds, for docx to write; `applyTemplateParts` fills them. */
  placeholders: {
    headers(): Partial<Record<HeaderFooterType, Header>>;
    footers(): Partial<Record<HeaderFooterType, Footer>>;
  };
}

/**
 * Reads what the report uses from a council's Word template (.docx or .dotx): its styles, theme,
 * page size and margins, and default and first-page headers and footers. Throws a
 * `ReportTemplateError` naming the problem when the file is not a Word document.
 *
 * @example
 * const template = readTemplate(bytes); // then buildCommitteeReport({ ..., template: bytes })
 */
export function readTemplate(bytes: Uint8Array): ReportTemplate {
  if (bytes.length > MAX_TEMPLATE_BYTES)
    throw new ReportTemplateError(`the template is over ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB`);
  let files: Unzipped;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    // fflate's own words ("invalid zip data") mean nothing to an officer; the cause is kept.
    throw new ReportTemplateError("the template is not a Word document (.docx): it is not a zip package", {
      cause: e,
    });
  }
  const main = relationships(files, "_rels/.rels", "").find(
    (r) => r.type === `${REL}/officeDocument`,
  )?.target;
  if (!main || !files[main])
    throw new ReportTemplateError(
      "the template is not a Word document (.docx): it has no main document part",
    );
  if (!contentTypeOverrides(files)[main]?.includes("wordprocessingml"))
    throw new ReportTemplateError(
      "the template is not a Word document (.docx): its main part is not a Word document",
    );
  const dir = main.slice(0, main.lastIndexOf("/") + 1);
  const rels = relationships(files, `${dir}_rels/${main.slice(dir.length)}.rels`, dir);
  const target = (type: string) => rels.find((r) => r.type === `${REL}/${type}`)?.target;
  const stylesPath = target("styles");
  if (!stylesPath || !files[stylesPath])
    throw new ReportTemplateError("the template has no styles part (word/styles.xml)");
  const themePath = target("theme");

  const section = lastSectionProperties(strFromU8(files[main]));
  const part = (id: string): TemplatePart | undefined => {
    const path = rels.find((r) => r.id === id)?.target;
    if (!path || !files[path]) return undefined;
    const partDir = path.slice(0, path.lastIndexOf("/") + 1);
    return {
      xml: files[path],
      rels: relationships(files, `${partDir}_rels/${path.slice(partDir.length)}.rels`, partDir),
    };
  };
  const pick = (refs: Record<string, string>) =>
    Object.fromEntries(
      (["default", "first"] as const).flatMap((t) => {
        const p = refs[t] ? part(refs[t]) : undefined;
        return p ? [[t, p]] : [];
      }),
    ) as Partial<Record<HeaderFooterType, TemplatePart>>;
  const headers = pick(section.headers);
  const footers = pick(section.footers);
  const blank = () => [new Paragraph({ children: [] })];
  return {
    styles: strFromU8(files[stylesPath]),
    ...(themePath && files[themePath] ? { theme: files[themePath] } : {}),
    ...(section.page ? { page: section.page } : {}),
    titlePage: section.titlePage,
    headers,
    footers,
    files,
    contentTypes: contentTypeDefaults(files),
    placeholders: {
      headers: () =>
        Object.fromEntries(Object.keys(headers).map((t) => [t, new Header({ children: blank() })])),
      footers: () =>
        Object.fromEntries(Object.keys(footers).map((t) => [t, new Footer({ children: blank() })])),
    },
  };
}

/**
 * Puts the template's parts into a report docx wrote with the template's styles and placeholder
 * headers and footers: each placeholder header or footer part gets the template's own (its XML
 * as it is, its pictures copied under word/media/template-*), and the theme is the template's.
 * Returns the new package's bytes.
 *
 * @example
 * applyTemplateParts(await Packer.pack(doc, "uint8array"), readTemplate(templateBytes))
 */
export function applyTemplateParts(report: Uint8Array, template: ReportTemplate): Uint8Array {
  const files: Unzipped = unzipSync(report);
  const rels = relationships(files, "word/_rels/document.xml.rels", "word/");
  const section = lastSectionProperties(strFromU8(files["word/document.xml"]));
  const types = contentTypeDefaults(files);
  const added: Record<string, string> = {};
  const place = (
    refs: Record<string, string>,
    parts: Partial<Record<HeaderFooterType, TemplatePart>>,
  ): void => {
    for (const [type, id] of Object.entries(refs)) {
      const part = parts[type as HeaderFooterType];
      const path = rels.find((r) => r.id === id)?.target;
      if (!part || !path) continue;
      files[path] = part.xml;
      const dir = path.slice(0, path.lastIndexOf("/") + 1);
      const relsPath = `${dir}_rels/${path.slice(dir.length)}.rels`;
      const copied = part.rels.map((r) => {
        if (r.external) return r;
        const name = `${dir}media/template-${r.target.slice(r.target.lastIndexOf("/") + 1)}`;
        const data = template.files[r.target];
        if (!data)
          throw new ReportTemplateError(
            `the template's ${type} header or footer refers to ${r.target}, which is missing`,
          );
        files[name] = data;
        const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
        if (!types[ext] && !added[ext]) {
          const contentType = template.contentTypes[ext];
          if (!contentType)
            throw new ReportTemplateError(`the template's picture ${r.target} has no content type`);
          added[ext] = contentType;
        }
        return { ...r, target: name };
      });
      if (copied.length > 0) files[relsPath] = strToU8(relationshipsXml(copied, dir));
      else delete files[relsPath];
    }
  };
  place(section.headers, template.headers);
  place(section.footers, template.footers);
  const theme = rels.find((r) => r.type === `${REL}/theme`)?.target;
  if (template.theme && theme && files[theme]) files[theme] = template.theme;
  if (Object.keys(added).length > 0) {
    const xml = strFromU8(files["[Content_Types].xml"]);
    const defaults = Object.entries(added)
      .map(([ext, type]) => `<Default Extension="${escapeAttr(ext)}" ContentType="${escapeAttr(type)}"/>`)
      .join("");
    files["[Content_Types].xml"] = strToU8(xml.replace(/<\/Types>\s*$/, `${defaults}</Types>`));
  }
  return zipSync(files as Parameters<typeof zipSync>[0]);
}

/** A part's relationships, targets resolved against `base` ("word/"). Empty when the part has none. */
function relationships(
  files: Unzipped,
  path: string,
  base: string,
): { id: string; type: string; target: string; external: boolean }[] {
  const data = files[path];
  if (!data) return [];
  const out: { id: string; type: string; target: string; external: boolean }[] = [];
  parse(strFromU8(data), (local, uri, attr) => {
    if (local !== "Relationship" || uri !== PKG_RELS_NS) return;
    const external = attr("", "TargetMode") === "External";
    const target = attr("", "Target") ?? "";
    out.push({
      id: attr("", "Id") ?? "",
      type: attr("", "Type") ?? "",
      target: external ? target : resolvePath(base, target),
      external,
    });
  });
  return out;
}

/** Writes relationships back, targets made relative to `dir` again. */
function relationshipsXml(
  rels: { id: string; type: string; target: string; external: boolean }[],
  dir: string,
): string {
  const items = rels
    .map((r) => {
      const target = r.external || !r.target.startsWith(dir) ? r.target : r.target.slice(dir.length);
      return `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(target)}"${r.external ? ' TargetMode="External"' : ""}/>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_RELS_NS}">${items}</Relationships>`;
}

/** The body's last section properties: header and footer references, first-page flag, page. */
function lastSectionProperties(xml: string): {
  headers: Record<string, string>;
  footers: Record<string, string>;
  titlePage: boolean;
  page?: ReportTemplate["page"];
} {
  let current: ReturnType<typeof lastSectionProperties> | null = null;
  let last: ReturnType<typeof lastSectionProperties> = { headers: {}, footers: {}, titlePage: false };
  let size: { width: number; height: number } | undefined;
  let margin: NonNullable<ReportTemplate["page"]>["margin"] | undefined;
  parse(
    xml,
    (local, uri, attr) => {
      if (uri !== W_NS) return;
      if (local === "sectPr") {
        current = { headers: {}, footers: {}, titlePage: false };
        size = undefined;
        margin = undefined;
        return;
      }
      if (!current) return;
      const type = attr(W_NS, "type") ?? "default";
      const id = attr(R_NS, "id");
      if (local === "headerReference" && id) current.headers[type] = id;
      else if (local === "footerReference" && id) current.footers[type] = id;
      else if (local === "titlePg")
        current.titlePage = attr(W_NS, "val") !== "0" && attr(W_NS, "val") !== "false";
      else if (local === "pgSz")
        size = { width: twips(attr(W_NS, "w"), 11906), height: twips(attr(W_NS, "h"), 16838) };
      else if (local === "pgMar")
        margin = {
          top: twips(attr(W_NS, "top"), 1134),
          bottom: twips(attr(W_NS, "bottom"), 1134),
          left: twips(attr(W_NS, "left"), 1134),
          right: twips(attr(W_NS, "right"), 1134),
          header: twips(attr(W_NS, "header"), 567),
          footer: twips(attr(W_NS, "footer"), 567),
        };
    },
    (local, uri) => {
      if (local !== "sectPr" || uri !== W_NS || !current) return;
      last = { ...current, ...(size && margin ? { page: { size, margin } } : {}) };
      current = null;
    },
  );
  return last;
}

/** Content types by file extension, from [Content_Types].xml's Defaults. */
function contentTypeDefaults(files: Unzipped): Record<string, string> {
  const out: Record<string, string> = {};
  const data = files["[Content_Types].xml"];
  if (!data) return out;
  parse(strFromU8(data), (local, _uri, attr) => {
    const ext = attr("", "Extension");
    const type = attr("", "ContentType");
    if (local === "Default" && ext && type) out[ext.toLowerCase()] = type;
  });
  return out;
}

/** Content types by part path ("word/document.xml"), from [Content_Types].xml's Overrides. */
function contentTypeOverrides(files: Unzipped): Record<string, string> {
  const out: Record<string, string> = {};
  const data = files["[Content_Types].xml"];
  if (!data) return out;
  parse(strFromU8(data), (local, _uri, attr) => {
    const part = attr("", "PartName");
    const type = attr("", "ContentType");
    if (local === "Override" && part && type) out[part.replace(/^\//, "")] = type;
  });
  return out;
}

/** Streams XML with namespaces, calling `open` for each start tag and `close` for each end tag. */
function parse(
  xml: string,
  open: (local: string, uri: string, attr: (uri: string, local: string) => string | undefined) => void,
  close?: (local: string, uri: string) => void,
): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on("opentag", (tag) => {
    const attrs = Object.values(tag.attributes);
    open(tag.local, tag.uri, (uri, local) => attrs.find((a) => a.local === local && a.uri === uri)?.value);
  });
  if (close) parser.on("closetag", (tag) => close(tag.local, tag.uri));
  parser.write(xml).close();
}

/** "media/logo.png" against "word/" → "word/media/logo.png"; "../customXml/x.xml" → "customXml/x.xml". */
function resolvePath(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = (base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function twips(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && value !== undefined && value !== "" ? Math.round(n) : fallback;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
