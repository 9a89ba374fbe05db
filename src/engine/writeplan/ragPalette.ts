/** A fill and a font colour with readable contrast ("#RRGGBB"). */
export interface RagColours {
  fill: string;
  font: string;
}

/**
 * The RAG palette (Excel's own "good / neutral / bad" styles, plus grey for no data).
 * @example RAG_PALETTE.outside.fill === "#FFC7CE"
 */
export const RAG_PALETTE: Record<"better" | "within" | "outside" | "no-data", RagColours> = {
  better: { fill: "#C6EFCE", font: "#006100" },
  within: { fill: "#FFEB9C", font: "#9C5700" },
  outside: { fill: "#FFC7CE", font: "#9C0006" },
  "no-data": { fill: "#D9D9D9", font: "#3F3F3F" },
};
