/** The little of fontkit (pdfkit's font engine) the report's PDF uses: parse a font once, reuse it. */
declare module 'fontkit' {
  export function create(buffer: Buffer): { postscriptName: string; layout: (...args: unknown[]) => unknown };
}
