/** The version the build stamps into the bundle (scripts/build.mjs), or 'dev' when run from the compiled tests. */
declare const ORGDATA_VERSION: string | undefined;
export const VERSION = typeof ORGDATA_VERSION === 'string' ? ORGDATA_VERSION : 'dev';
