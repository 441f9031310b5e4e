// The one Content-Security-Policy of the app. Served as a header by the app:// protocol (Electron)
// and by the local web server (npm run web), and usable in index.html's <meta>, so all three agree.
// No remote origin appears anywhere: the app never talks to the network.
// 'wasm-unsafe-eval' lets WebAssembly (hash-wasm's KDF) compile without allowing JS eval.
// 'unsafe-inline' for styles only: the UI library injects <style> elements at run time.

export const CONTENT_SECURITY_POLICY_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // The XLSX libraries zip and unzip large files in a Web Worker started from a blob: URL.
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** For the Content-Security-Policy response header. */
export const CONTENT_SECURITY_POLICY: string = CONTENT_SECURITY_POLICY_DIRECTIVES.join('; ');

/**
 * For `<meta http-equiv="Content-Security-Policy">`: browsers ignore frame-ancestors in a meta
 * element (and warn about it), so it is left out there; the header still carries it.
 */
export const CONTENT_SECURITY_POLICY_META: string = CONTENT_SECURITY_POLICY_DIRECTIVES.filter(
  (d) => !d.startsWith('frame-ancestors'),
).join('; ');
