// Makes sure Debian's chromium is there for the browser test, so `npm test` passes on a
// fresh machine: installs it with apt-get when it is missing and we are root (as on every
// machine of this project), otherwise fails with the command to run. Never downloads a
// browser from anywhere else.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(executablePath)) {
  console.log(`chromium: ${executablePath}`);
  process.exit(0);
}
if (process.env.CHROMIUM_PATH || process.getuid?.() !== 0) {
  console.error(`chromium not found at ${executablePath}. Install Debian's chromium: sudo apt-get install -y chromium`);
  process.exit(1);
}
console.log("chromium: not installed; installing Debian's package with apt-get (once per machine)");
const apt = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
apt(['update']);
apt(['install', '-y', '--no-install-recommends', 'chromium']);
if (!existsSync(executablePath)) {
  console.error(`apt-get installed chromium, but ${executablePath} is still missing`);
  process.exit(1);
}
