'use strict';
/**
 * `npm start`: install, build and run the bot, doing each step only when it is due.
 *
 * - install (`npm ci`) when node_modules is missing, or package-lock.json or the Node version (its native-module ABI:
 *   the SQLite driver is compiled for it) changed since the last full install. The install stamp,
 *   node_modules/.fca-install-stamp, is written after a successful install (by this script and by the package's
 *   postinstall, so a hand-run `npm ci` counts too); `npm ci` deletes node_modules, stamp included.
 * - build (`npm run build`: TypeScript, then the understanding model from content/) when dist/ has no complete build,
 *   or a file under bot/, dialogs/ or content/, tsconfig.json, package.json or package-lock.json was added, removed or
 *   modified since the last build. The build stamp, dist/.fca-build-stamp.json, lists each input's size and mtime as
 *   they were when that build started (`npm run build` writes it, so a build by hand or by `npm test` counts too).
 * - then run dist/bot/index.js.
 *
 * Plain CommonJS so it runs before anything is installed or compiled; tsc does not compile it (tsconfig includes
 * *.ts only). The decisions are pure functions of what is on disk, exported for tests/bot/start-local.test.ts.
 *
 *   npm start                      install/build if due, then serve
 *   npm start -- --reinstall       npm ci and build, whatever the stamps say
 *   npm start -- --rebuild         build, whatever the stamp says
 *   npm start -- --dry-run         say what would be done, do nothing
 *   node bot/tools/start-local.cjs --installed | --build-started | --built   (postinstall and `npm run build` call these)
 */
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const INSTALL_STAMP = path.join('node_modules', '.fca-install-stamp');
const BUILD_STAMP = path.join('dist', '.fca-build-stamp.json');
const BUILD_PENDING = path.join('dist', '.fca-build-pending.json');
/** What `npm run build` reads: TypeScript sources, the content the model is trained on, and the build's settings. */
const BUILD_INPUTS = ['bot', 'dialogs', 'content', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** What a complete build leaves: the entry point and the trained model (written last). */
const BUILD_OUTPUTS = [path.join('dist', 'bot', 'index.js'), path.join('dist', 'understanding-model.json')];

const ROOT = path.resolve(__dirname, '..', '..');

/** The install a node_modules must match: this lockfile, installed by this Node ABI on this platform. */
function wantedInstall(root, runtime = process) {
  const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
  return {
    lock: createHash('sha256').update(lock).digest('hex'),
    abi: String(runtime.versions.modules),
    platform: `${runtime.platform}-${runtime.arch}`,
  };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Pure: given what is on disk, whether `npm ci` is due and why.
 * @param {{ nodeModules: boolean, stamp: unknown, wanted: { lock: string, abi: string, platform: string } }} state
 */
function installDecision({ nodeModules, stamp, wanted }) {
  if (!nodeModules) return { needed: true, reason: 'node_modules is missing' };
  if (stamp === undefined || stamp === null || typeof stamp !== 'object') {
    return { needed: true, reason: `no record of a completed install in ${INSTALL_STAMP}` };
  }
  if (stamp.lock !== wanted.lock) return { needed: true, reason: 'package-lock.json changed since the last install' };
  if (stamp.abi !== wanted.abi || stamp.platform !== wanted.platform) {
    return {
      needed: true,
      reason: `Node changed since the last install (ABI ${stamp.abi} ${stamp.platform} -> ${wanted.abi} ${wanted.platform}): native modules must be rebuilt`,
    };
  }
  return { needed: false, reason: 'package-lock.json unchanged since the last install' };
}

/** Every build input as `relative/path -> "size:mtimeMs"` (dotfiles such as editor swap files are skipped). */
function sourceListing(root, inputs = BUILD_INPUTS) {
  const listing = {};
  const visit = (relative) => {
    let stat;
    try {
      stat = fs.statSync(path.join(root, relative));
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(path.join(root, relative)).sort()) {
        if (!name.startsWith('.')) visit(path.posix.join(relative, name));
      }
    } else if (stat.isFile()) {
      listing[relative] = `${stat.size}:${Math.trunc(stat.mtimeMs)}`;
    }
  };
  inputs.forEach(visit);
  return listing;
}

/**
 * Pure: given the listing the last build started from (undefined: none recorded), today's listing and whether the
 * build's outputs exist, whether `npm run build` is due and why.
 */
function buildDecision({ stamp, current, outputs }) {
  if (!outputs) return { needed: true, reason: 'no complete build in dist/' };
  if (stamp === undefined || stamp === null || typeof stamp !== 'object' || typeof stamp.files !== 'object' || stamp.files === null) {
    return { needed: true, reason: `no record of a completed build in ${BUILD_STAMP}` };
  }
  const before = stamp.files;
  const changed = Object.keys(current).filter((file) => before[file] !== current[file]);
  const removed = Object.keys(before).filter((file) => !(file in current));
  const differing = [...changed, ...removed];
  if (differing.length === 0) return { needed: false, reason: 'no source changed since the last build' };
  const named = differing.slice(0, 3).join(', ') + (differing.length > 3 ? ` and ${differing.length - 3} more` : '');
  return { needed: true, reason: `${differing.length} source file(s) changed since the last build: ${named}` };
}

/** Both decisions for a checkout; `force` turns either on (a forced install forces a build too). */
function planStart(root, { force = {}, runtime = process } = {}) {
  const install = installDecision({
    nodeModules: fs.existsSync(path.join(root, 'node_modules')),
    stamp: readJson(path.join(root, INSTALL_STAMP)),
    wanted: wantedInstall(root, runtime),
  });
  const build = buildDecision({
    stamp: readJson(path.join(root, BUILD_STAMP)),
    current: sourceListing(root),
    outputs: BUILD_OUTPUTS.every((file) => fs.existsSync(path.join(root, file))),
  });
  return {
    install: force.install ? { needed: true, reason: 'asked for (--reinstall)' } : install,
    build: force.build || force.install ? { needed: true, reason: force.build ? 'asked for (--rebuild)' : 'asked for (--reinstall)' } : build,
  };
}

function recordInstall(root, runtime = process) {
  fs.writeFileSync(path.join(root, INSTALL_STAMP), `${JSON.stringify({ ...wantedInstall(root, runtime), at: new Date().toISOString() })}\n`);
}

/** Start of `npm run build`: note what this build starts from, and forget the last build until this one completes. */
function recordBuildStarted(root) {
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.rmSync(path.join(root, BUILD_STAMP), { force: true });
  fs.writeFileSync(path.join(root, BUILD_PENDING), JSON.stringify({ files: sourceListing(root) }));
}

/** End of `npm run build`: the build that started from the pending listing completed. */
function recordBuilt(root) {
  const pending = path.join(root, BUILD_PENDING);
  if (fs.existsSync(pending)) fs.renameSync(pending, path.join(root, BUILD_STAMP));
}

/** npm as the running `npm start` found it, else the one on PATH. */
function npm(args, root) {
  const cli = process.env.npm_execpath;
  const result =
    cli !== undefined && /\.c?js$/.test(cli)
      ? spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' })
      : spawnSync('npm', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

const say = (line) => process.stdout.write(`start: ${line}\n`);

/** npm leaves the dev dependencies (TypeScript among them) out under NODE_ENV=production or --omit=dev: no stamp then. */
function installsDevDependencies(env = process.env) {
  return !`${env.npm_config_omit ?? ''}`.split(/[\s,]+/).includes('dev') && env.NODE_ENV !== 'production';
}

/**
 * The one Node warning the service's own dependencies cause (restify -> spdy -> http-deceiver reads
 * process.binding('http_parser'), DEP0111; the bot never serves spdy) is switched off by its code; others still show.
 */
function warningFlags() {
  return process.allowedNodeEnvironmentFlags.has('--disable-warning') ? ['--disable-warning=DEP0111'] : ['--no-deprecation'];
}

function serve(root) {
  const child = spawn(process.execPath, [...warningFlags(), path.join('dist', 'bot', 'index.js')], { cwd: root, stdio: 'inherit' });
  const forwarded = new Set();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // Ctrl-C reaches the whole process group, the bot included: pass each signal on once, for `kill <this pid>`
      if (!forwarded.has(signal) && child.exitCode === null) child.kill(signal);
      forwarded.add(signal);
    });
  }
  child.on('exit', (code) => process.exit(code ?? 1));
}

function main(argv) {
  const args = new Set(argv);
  // lifecycle hooks: record, never fail the install or build they follow
  if (args.has('--installed')) {
    if (installsDevDependencies() && process.env.npm_config_package_lock_only !== 'true') {
      try {
        recordInstall(ROOT);
      } catch {
        // a partial install: no stamp, so the next `npm start` installs again
      }
    }
    return;
  }
  if (args.has('--build-started')) return recordBuildStarted(ROOT);
  if (args.has('--built')) return recordBuilt(ROOT);

  const started = Date.now();
  const plan = planStart(ROOT, { force: { install: args.has('--reinstall'), build: args.has('--rebuild') } });
  if (args.has('--dry-run')) {
    say(`install: ${plan.install.needed ? 'due' : 'not due'} (${plan.install.reason})`);
    say(`build: ${plan.build.needed ? 'due' : 'not due'} (${plan.build.reason})`);
    return;
  }
  if (plan.install.needed) {
    const modules = path.join(ROOT, 'node_modules');
    if (fs.existsSync(modules) && fs.lstatSync(modules).isSymbolicLink()) {
      say(`install due (${plan.install.reason}), but node_modules is a link to ${fs.realpathSync(modules)}, shared with another checkout:`);
      say('not reinstalling into it. Install there (npm ci), or give this checkout its own node_modules, then npm start again.');
      process.exitCode = 1;
      return;
    }
    say(`installing dependencies: ${plan.install.reason} (npm ci: a few minutes, most of it compiling the SQLite driver)`);
    if (!npm(['ci', '--no-audit', '--no-fund'], ROOT)) {
      say('npm ci failed (above): nothing was started');
      process.exitCode = 1;
      return;
    }
    if (installsDevDependencies()) recordInstall(ROOT);
  } else {
    say(`dependencies up to date (${plan.install.reason})`);
  }
  const { build } = plan;
  if (build.needed) {
    say(`building: ${build.reason} (TypeScript, then the understanding model: about a minute or two)`);
    if (!npm(['run', 'build'], ROOT)) {
      say('the build failed (above): nothing was started');
      process.exitCode = 1;
      return;
    }
  } else {
    say(`build up to date (${build.reason})`);
  }
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s; starting the bot (Ctrl-C stops it)`);
  serve(ROOT);
}

module.exports = {
  BUILD_INPUTS,
  BUILD_STAMP,
  INSTALL_STAMP,
  buildDecision,
  installDecision,
  installsDevDependencies,
  planStart,
  recordBuildStarted,
  recordBuilt,
  recordInstall,
  sourceListing,
  wantedInstall,
};

if (require.main === module) main(process.argv.slice(2));
