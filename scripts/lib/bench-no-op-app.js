'use strict';
/**
 * `npm run bench`'s no-op app for `cdktf synth --app`: writes an empty manifest into CDKTF_OUTDIR and nothing
 * else, so the CLI's own cost (its floor) can be timed apart from the app's. Plain JavaScript: it must start in no time.
 */
const fs = require('fs');
const path = require('path');

const outdir = process.env.CDKTF_OUTDIR;
if (!outdir) throw new Error('bench-no-op-app: CDKTF_OUTDIR is not set (run it through cdktf synth --app)');
fs.mkdirSync(outdir, { recursive: true });
fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: {} }));
