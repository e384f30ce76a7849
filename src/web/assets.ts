/**
 * Where Det Fælles Designsystem's files are, on disk and on the web. The installed version is in
 * the URL, so the files can be cached for a year as immutable: a new DKFDS is a new path.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

// The package exports only its script; its folder is found from there (dist/js/dkfds.min.js).
const entry = createRequire(import.meta.url).resolve('dkfds');
/** The package's dist folder: css, js, fonts, img. */
export const DKFDS_DIST = path.resolve(path.dirname(entry), '..');
/** The installed DKFDS version, read once from its package.json. */
export const DKFDS_VERSION = z.object({ version: z.string().regex(/^[0-9A-Za-z.+-]+$/) }).parse(JSON.parse(readFileSync(path.join(DKFDS_DIST, '..', 'package.json'), 'utf8'))).version;
/** The URL prefix DKFDS is served under. */
export const DKFDS_PATH = `/assets/dkfds/${DKFDS_VERSION}/`;
/** The folders of dist that are served; the rest (scss, licences) is not. */
export const DKFDS_SERVED = ['css', 'js', 'fonts', 'img'] as const;
/** The theme: the look of borger.dk self-service. */
export const STYLESHEET = `${DKFDS_PATH}css/dkfds-borgerdk.min.css`;
export const SCRIPT = `${DKFDS_PATH}js/dkfds.min.js`;
export const ICONS = `${DKFDS_PATH}img/all-svg-icons.svg`;
/** Our one line of script (CSP allows no inline script): start DKFDS's components. */
export const INIT_SCRIPT_PATH = `/assets/web/${DKFDS_VERSION}/init.js`;
export const INIT_SCRIPT = 'window.DKFDS && window.DKFDS.init();\n';
