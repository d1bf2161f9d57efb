// The PostgreSQL server the integration suite's second pass runs on (issue 12): Debian's
// postgresql package, a cluster of our own with a UTF-8 locale, a role that may create databases.
// Prints nothing but progress; returns the server URL, or null with the reason printed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CLUSTER = 'rectify';
const PORT = 5439;
const ROLE = 'rectify_test';
const PASSWORD = 'rectify_test';

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
const ok = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

function serverVersions() {
  if (!fs.existsSync('/usr/lib/postgresql')) return [];
  return fs.readdirSync('/usr/lib/postgresql').filter((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`)).sort((a, b) => Number(b) - Number(a));
}

function asPostgres(cmd, args) {
  // Cluster tools refuse to run the server as root: run them as the postgres account.
  if (process.getuid?.() === 0) return sh('runuser', ['-u', 'postgres', '--', cmd, ...args]);
  return sh('sudo', ['-n', '-u', 'postgres', cmd, ...args]);
}

/** @returns {string | null} */
export function ensureTestPostgres() {
  if (process.env.RECTIFY_TEST_DATABASE_URL) return process.env.RECTIFY_TEST_DATABASE_URL;
  if (process.platform !== 'linux') {
    console.log('未设置 RECTIFY_TEST_DATABASE_URL，且不是 Linux：跳过 PostgreSQL 一轮（设置该变量指向一台可建库的服务器即可运行）。');
    return null;
  }
  const versions = serverVersions();
  if (!versions.length) {
    console.log('没有 PostgreSQL 服务器（apt 包 postgresql）：跳过 PostgreSQL 一轮。');
    return null;
  }
  const version = versions[0];
  const root = process.getuid?.() === 0;
  if (!root && !ok('sudo', ['-n', 'true'])) {
    console.log('没有 root 或免密 sudo，无法启动 PostgreSQL 集群：跳过 PostgreSQL 一轮（可设置 RECTIFY_TEST_DATABASE_URL）。');
    return null;
  }
  const sudo = root ? [] : ['sudo', '-n'];
  const run = (cmd, args) => (sudo.length ? sh(sudo[0], [...sudo.slice(1), cmd, ...args]) : sh(cmd, args));
  try {
    const clusters = run('pg_lsclusters', ['-h']);
    const exists = clusters.split('\n').some((l) => l.split(/\s+/)[0] === version && l.split(/\s+/)[1] === CLUSTER);
    if (!exists) {
      console.log(`建立 PostgreSQL ${version} 测试集群 ${CLUSTER}（端口 ${PORT}，UTF-8）…`);
      run('pg_createcluster', ['--locale', 'C.UTF-8', '--encoding', 'UTF8', '-p', String(PORT), version, CLUSTER]);
    }
    const online = run('pg_lsclusters', ['-h']).split('\n').some((l) => l.split(/\s+/)[1] === CLUSTER && /online/.test(l));
    if (!online) run('pg_ctlcluster', [version, CLUSTER, 'start']);
    const sql = `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'; END IF; END $$;`;
    asPostgres('psql', ['-p', String(PORT), '-d', 'postgres', '-qAt', '-c', sql]);
    // DROP DATABASE … WITH (FORCE) ends every session on a test database, the server's own
    // autovacuum worker included, which an ordinary role may not do.
    asPostgres('psql', ['-p', String(PORT), '-d', 'postgres', '-qAt', '-c', `GRANT pg_signal_backend TO ${ROLE}`]);
  } catch (err) {
    console.log(`PostgreSQL 测试集群未能启动：${String(err.stderr || err.message).trim()}；跳过 PostgreSQL 一轮。`);
    return null;
  }
  return `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/postgres`;
}

if (process.argv[1] && process.argv[1].endsWith('test-postgres.mjs')) console.log(ensureTestPostgres() ?? '');
