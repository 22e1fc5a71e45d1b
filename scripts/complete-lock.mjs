// The npm registry reachable from our machines serves only some platform builds of packages
// such as rollup, so npm leaves the other platforms' optional dependencies out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds the missing
// optional entries (marked optional, with os/cpu so npm skips them on other platforms).
// Run after any `npm install`: node scripts/complete-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const pkgs = lock.packages;
const osOf = (name) =>
  ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'netbsd', 'aix'].find(
    (os) => name.includes(`-${os}-`),
  );
const cpuOf = (name) =>
  ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'].find((cpu) =>
    new RegExp(`-${cpu}(-|$)`).test(name),
  );
let added = 0;
for (const [key, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = key ? `${key}/node_modules/${dep}` : `node_modules/${dep}`;
    if (pkgs[`node_modules/${dep}`] || pkgs[base]) continue;
    const os = osOf(dep);
    const cpu = cpuOf(dep);
    if (!os || !cpu || !/^\d/.test(version)) continue;
    pkgs[`node_modules/${dep}`] = { version, cpu: [cpu], dev: meta.dev, optional: true, os: [os] };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lock: added ${added} optional platform entries`);
