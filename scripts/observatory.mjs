// Mozilla's HTTP Observatory (npm @mdn/mdn-http-observatory) against a local server on other
// ports than 443/80: its scan(), with the ports passed to the retriever (its own CLI has none).
//   node scripts/observatory.mjs <node_modules dir> <hostname> <https port> <http port>
// Run by scripts/behind_nginx.py when OBSERVATORY_DIR names an install of the package.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, hostname, httpsPort, httpPort] = process.argv.slice(2);
const base = pathToFileURL(path.join(dir, "@mdn", "mdn-http-observatory", "src")).href;
const { retrieve } = await import(`${base}/retriever/retriever.js`);
const { ALL_TESTS, NUM_TESTS } = await import(`${base}/constants.js`);
const grader = await import(`${base}/grader/grader.js`);
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await import(`${base}/grader/charts.js`);

const r = await retrieve(hostname, { httpsPort, httpPort });
if (!r.responses.auto) throw new Error("The site seems to be down.");
let passed = 0;
let withCredit = 100;
let uncurved = 100;
const failed = [];
for (const test of ALL_TESTS) {
  const result = test(r);
  if (!result.result) continue;
  const modifier = grader.getScoreModifier(result.result);
  passed += result.pass ? 1 : 0;
  withCredit += modifier;
  if (modifier < 0) uncurved += modifier;
  if (!result.pass || modifier !== 0) failed.push(`${result.constructor.name}: ${result.result} (${modifier})`);
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved;
const final = grader.getGradeForScore(score);
console.log(JSON.stringify({ grade: final.grade, score: final.score, passed, tests: NUM_TESTS, notes: failed }));
