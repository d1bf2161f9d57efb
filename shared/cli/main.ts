import { AppError } from '../errors.ts';
import { reportToDeveloper, toClerkError } from '../core/db/failures.ts';
import { commands } from './commands/index.ts';

/**
 * `npm run cli -- <command> [--data-dir D | --database-url postgres://…] …`: the same core as the
 * app, from a terminal, on a data folder's ledger or the office's shared one (RECTIFY_DATABASE_URL).
 */
const [name, ...rest] = process.argv.slice(2);

function help(): void {
  console.log('用法：npm run cli -- <命令> [--data-dir 数据文件夹 | --database-url postgres://用户:密码@服务器:5432/数据库] …\n');
  console.log('  也可用环境变量 RECTIFY_DATABASE_URL 指定办公室共享数据库。\n');
  for (const [key, cmd] of Object.entries(commands)) console.log(`  ${key.padEnd(12)} ${cmd.summary}\n  ${' '.repeat(12)} ${cmd.usage}`);
}

if (!name || name === 'help' || name === '--help') {
  help();
  process.exit(name ? 0 : 1);
}
const command = commands[name];
if (!command) {
  console.error(`未知命令：${name}`);
  help();
  process.exit(2);
}
try {
  process.exitCode = await command.run(rest);
} catch (err) {
  if (err instanceof AppError) {
    console.error(`错误：${err.message}`);
    process.exitCode = 1;
  } else if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`参数有误：${err.message}\n用法：${command.usage}`);
    process.exitCode = 2;
  } else {
    // Disk full, read-only, corrupt…: the Chinese way forward first, the library's detail after it.
    console.error(`错误：${toClerkError(err).message}`);
    reportToDeveloper(name, err);
    process.exitCode = 1;
  }
}
