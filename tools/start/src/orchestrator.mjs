// `npm start`: build, start every server, print where they are, rebuild and restart them on
// contract edits, stop everything on Ctrl-C / SIGTERM.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { banner } from './banner.mjs';
import { childEnv, readStartConfig, repoRoot } from './config.mjs';
import { buildEverything, lintContract, rebuildContract, rebuildDocs } from './pipeline.mjs';
import { assertPortFree } from './ports.mjs';
import { startProcess, stopProcess, waitForHttp } from './processes.mjs';
import { watchTree } from './watch-tree.mjs';

/** The path prefix of the contract's servers (`/api/v1`), read from the bundle. */
async function basePathOf(contractJson) {
  const document = JSON.parse(await readFile(contractJson, 'utf8'));
  const url = document.servers?.[0]?.url;
  return url ? new URL(url).pathname.replace(/\/$/, '') : '';
}

/**
 * Runs until SIGINT/SIGTERM; resolves with the exit code.
 *
 * @example
 * process.exitCode = await runStart(process.env);
 */
export async function runStart(env = process.env) {
  const started = performance.now();
  let config;
  try {
    config = readStartConfig(env);
  } catch (error) {
    // A malformed variable (its message names it), before anything is built or started.
    console.error(`npm start: ${error.message}`);
    return 1;
  }
  const children = new Map();
  let stopping = false;
  let watcher;

  const stopAll = async () => {
    stopping = true;
    watcher?.close();
    await Promise.all([...children.values()].map((child) => stopProcess(child)));
  };
  const exitCode = new Promise((resolve) => {
    const onSignal = (signal) => {
      if (stopping) return;
      console.log(`\n${signal}: stopping ${[...children.keys()].join(', ') || 'nothing'}...`);
      void stopAll().then(() => {
        console.log('All stopped.');
        resolve(0);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
  });

  try {
    // Fail fast, before any build, when a port is taken.
    for (const port of config.ports) await assertPortFree({ ...port, host: config.host });

    if (config.useTurbo) await buildEverything();
    // A copy of the contract is served by the workspace's built servers.
    const missing = config.services.filter((service) => !existsSync(service.entry));
    if (missing.length > 0) {
      throw new Error(`missing ${missing.map((service) => service.entry).join(', ')}: run \`npm run build\` first`);
    }
    if (!config.useTurbo) {
      const [built] = await Promise.all([rebuildContract(config), lintContract(config)]);
      if (!built) throw new Error(`the contract in ${config.contractDir} does not build`);
    }
    if (!config.useTurbo || !existsSync(`${config.docsDir}/index.html`)) await rebuildDocs(config);
    const { devCredentials } = await import('@astral/api');
    const basePath = await basePathOf(config.contractJson);

    const launch = async (service) => {
      const child = startProcess({
        name: service.name,
        entry: service.entry,
        cwd: repoRoot,
        env: childEnv(service, config, basePath),
      });
      children.set(service.name, child);
      child.exited.then(([code, signal]) => {
        if (!stopping && children.get(service.name) === child) {
          console.error(`[${service.name}] exited (${code ?? signal}); the others keep running`);
        }
      });
      const url = `http://${config.host}:${service.port}/`;
      try {
        await waitForHttp(url, child);
      } catch (error) {
        throw new Error(`${service.label} (${service.entry}) ${error.message}`, { cause: error });
      }
      return child;
    };
    await Promise.all(config.services.map(launch));
    if (stopping) return await exitCode;

    // Armed before the banner says "Watching", so an edit made right away is not lost.
    watcher = watchContract(
      config,
      async () => {
        const began = performance.now();
        console.log(`[watch] ${config.contractDir} changed: rebuilding`);
        // A server that does not come back (a new operation the reference API has no handler
        // for, say) is reported; the others are still restarted.
        const restart = (when) =>
          Promise.all(
            config.restartable
              .filter((service) => service.reloads === when)
              .map(async (service) => {
                await stopProcess(children.get(service.name));
                if (stopping) return;
                await launch(service).catch((error) => console.error(`[watch] ${error.message}`));
              }),
          );
        // Nothing restarts before the contract is servable: for the workspace's own, before
        // @astral/openapi is rebuilt (a server started earlier would load the new bundle with
        // the old operation table). The mock first (what frontend code waits for); then the
        // sandbox, the reference API, the docs and the lint, so the two phases do not compete
        // for the same cores.
        if (!(await rebuildContract(config, () => restart('first')))) return await lintContract(config);
        if (stopping) return;
        console.log(`[watch] types regenerated and mock reloaded in ${Math.round(performance.now() - began)} ms`);
        await Promise.all([
          restart('after'),
          rebuildDocs(config).catch((error) => console.error(`[docs] ${error.message}`)),
          lintContract(config),
        ]);
        const after = config.restartable.filter((service) => service.reloads === 'after').map((service) => service.name);
        if (!stopping)
          console.log(
            `[watch] reloaded in ${Math.round(performance.now() - began)} ms (${[...after, 'docs', 'lint'].join(', ')} included)`,
          );
      },
      () => stopping,
    );

    console.log(
      banner({
        services: config.services,
        restartable: config.restartable,
        outDir: config.outDir,
        basePath,
        credentials: devCredentials,
        contractDir: config.contractDir,
        smtpUrl: config.smtpUrl,
        ownSmtpUrl: config.ownSmtpUrl,
        readyMs: performance.now() - started,
      }),
    );
  } catch (error) {
    console.error(`\nnpm start: ${error.message}`);
    await stopAll();
    return 1;
  }
  return await exitCode;
}

/** Calls `rebuild` after edits settle; edits during a rebuild queue exactly one more. */
function watchContract(config, rebuild, isStopping) {
  let timer;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await rebuild();
    } catch (error) {
      console.error(`[watch] ${error.message}`);
    } finally {
      running = false;
    }
    if (again && !isStopping()) {
      again = false;
      void run();
    }
  };
  return watchTree(config.contractDir, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), config.debounceMs);
  });
}
