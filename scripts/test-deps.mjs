// Installs what the tests need on a machine that has nothing but Node: npm packages, a Chromium,
// LibreOffice with CJK fonts and poppler (for the PDF checks), PostgreSQL (the office mode). Used by `npm test` and .ci/run.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const has = (cmd) => spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' }).status === 0;
const run = (cmd, opts = {}) => {
  console.log(`$ ${cmd}`);
  execSync(cmd, { stdio: 'inherit', cwd: root, ...opts });
};

export function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const stale = !fs.existsSync(installed) || (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs + 1000);
  if (stale) run(fs.existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund');
}

/** Debian/Ubuntu packages, installed with apt when missing (root or sudo). */
const APT = {
  chromium: { bin: ['chromium', 'chromium-browser'], pkg: 'chromium' },
  libreoffice: { bin: ['libreoffice', 'soffice'], pkg: 'libreoffice-writer-nogui libreoffice-calc-nogui' },
  poppler: { bin: ['pdftotext'], pkg: 'poppler-utils' },
  // The shared-ledger (office) mode: the integration suite runs a second time on PostgreSQL.
  postgresql: { bin: ['pg_ctlcluster'], pkg: 'postgresql' },
};

function aptInstall(packages) {
  if (!has('apt-get')) return false;
  const sudo = process.getuid?.() === 0 ? '' : has('sudo') ? 'sudo ' : null;
  if (sudo === null) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(`${sudo}apt-get update -qq`, { env });
  run(`${sudo}apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { env });
  return true;
}

export function ensureSystemTools() {
  const missing = Object.values(APT).filter((t) => !t.bin.some(has)).map((t) => t.pkg);
  const pgServer = fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  if (process.platform === 'linux' && !pgServer && !missing.includes('postgresql')) missing.push('postgresql');
  const fontsMissing = process.platform === 'linux' && !fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  if (fontsMissing) missing.push('fonts-noto-cjk');
  if (missing.length && process.platform === 'linux') {
    if (!aptInstall(missing)) console.warn(`无法自动安装：${missing.join(' ')}（需要 apt-get 与 root 权限）。相关测试将被跳过并说明原因。`);
  }
  // No system Chromium (Windows, macOS, other Linux): Playwright's own browser.
  if (!APT.chromium.bin.some(has) && !fs.existsSync('/usr/bin/chromium')) {
    try {
      run('npx playwright install chromium');
    } catch {
      console.warn('未能下载 Playwright 的 Chromium；界面测试将无法运行。');
    }
  }
  if (!APT.libreoffice.bin.some(has) && process.platform !== 'linux') {
    console.warn('未找到 LibreOffice：Word/Excel 转 PDF 的检查将被跳过（Windows 上请安装 LibreOffice 并加入 PATH）。');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureNodeModules();
  ensureSystemTools();
}
