// SPDX-License-Identifier: GPL-3.0-or-later
// The peers of `curator-cli page`, for bench/web-bench.py: defuddle (which
// Obsidian Web Clipper uses) and metascraper, in Node, on the same pages.
// Usage: node web-peers.mjs NODE_MODULES_DIR FILE...
// Prints one JSON line per tool and page: {tool, page, ms, cpu_ms, title,
// author, published, site, description}; ms and cpu_ms are the wall and
// CPU time of the call on a page already read into memory (Node's start
// and the module loads excluded).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...files] = process.argv.slice(2);
const require = createRequire(join(modules, 'package.json'));
const { Defuddle } = await import(pathToFileURL(join(modules, 'node_modules/defuddle/dist/node.js')).href);
const metascraper = require('metascraper')([
  require('metascraper-title')(),
  require('metascraper-author')(),
  require('metascraper-date')(),
  require('metascraper-description')(),
  require('metascraper-publisher')(),
  require('metascraper-image')(),
  require('metascraper-url')(),
]);

const url = 'https://example.com/article';
const quiet = console.log;

for (const file of files) {
  const html = readFileSync(file, 'utf8');
  let start = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  let d = {};
  console.log = () => {};
  try { d = await Defuddle(html, url); } catch (e) { d = {}; }
  console.log = quiet;
  let ms = Number(process.hrtime.bigint() - start) / 1e6;
  let used = process.cpuUsage(cpu);
  let cpu_ms = (used.user + used.system) / 1000;
  quiet(JSON.stringify({ tool: 'defuddle', page: file, ms, cpu_ms, title: d.title || null, author: d.author || null,
                         published: d.published || null, site: d.site || null, description: d.description || null }));

  start = process.hrtime.bigint();
  cpu = process.cpuUsage();
  let m = {};
  try { m = await metascraper({ html, url }); } catch (e) { m = {}; }
  ms = Number(process.hrtime.bigint() - start) / 1e6;
  used = process.cpuUsage(cpu);
  cpu_ms = (used.user + used.system) / 1000;
  quiet(JSON.stringify({ tool: 'metascraper', page: file, ms, cpu_ms, title: m.title || null, author: m.author || null,
                         published: m.date || null, site: m.publisher || null, description: m.description || null }));
}
