// The module vite.config.ts (pdfjsData) makes of pdf.js's data files: file name → its bytes (base64).
declare module 'virtual:pdfjs-data' {
  type Files = Record<string, () => Promise<string>>;
  export const cMapUrl: Files;
  export const standardFontDataUrl: Files;
  export const wasmUrl: Files;
}
