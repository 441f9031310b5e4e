// Development mode (devtools allowed). scripts/build-electron.mjs replaces process.env.NODE_ENV
// with a literal at bundle time, so a packaged app cannot be switched into development mode by
// setting an environment variable on the user's machine.
export const isDevelopment: boolean = process.env.NODE_ENV === 'development';
