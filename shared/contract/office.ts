import { z } from 'zod';
import { channel } from './define.ts';

/** Channels of 设置 › 办公室共享数据库 (issue 12): the office's shared PostgreSQL ledger. Owned by shared/core/office. */

export const officeConnectionInput = z.object({
  host: z.string({ error: '请填写服务器地址' }).trim().min(1, { message: '请填写服务器地址' }).max(200, { message: '服务器地址太长' }),
  port: z.coerce
    .number({ error: '端口应为数字' })
    .int({ message: '端口应为 1 到 65535 之间的整数' })
    .min(1, { message: '端口应为 1 到 65535 之间的整数' })
    .max(65535, { message: '端口应为 1 到 65535 之间的整数' })
    .default(5432),
  database: z.string({ error: '请填写数据库名' }).trim().min(1, { message: '请填写数据库名' }).max(63, { message: '数据库名最长 63 个字符' }),
  user: z.string({ error: '请填写用户名' }).trim().min(1, { message: '请填写用户名' }).max(63, { message: '用户名最长 63 个字符' }),
  password: z.string().max(200, { message: '密码太长' }).default(''),
  tls: z.boolean().default(false),
});
export type OfficeConnectionInput = z.input<typeof officeConnectionInput>;
export type OfficeConnection = z.output<typeof officeConnectionInput>;

/** What 测试连接 found on the server. */
export interface OfficeProbeDto {
  /** server:port/database */
  where: string;
  /** e.g. "PostgreSQL 15.18" */
  serverVersion: string;
  /**
   * empty: no tables at all (ready for 迁移本机台账 or 新建空的共享台账);
   * ledger: a shared ledger of this or an older version (counts say whether it holds data);
   * newer: written by a newer version of the program; foreign: another program's tables.
   */
  state: 'empty' | 'ledger' | 'newer' | 'foreign';
  schemaVersion: number | null;
  programSchemaVersion: number;
  counts: { batches: number; findings: number; measures: number; units: number } | null;
  /** Does the ledger hold any batch, finding, measure or unit (then 迁移 is refused, 连接 offered). */
  hasData: boolean;
  /** One sentence for the clerk. */
  summary: string;
}

export interface OfficeStatusDto {
  mode: 'local' | 'office';
  /** The file path, or server:port/database. */
  where: string;
  /** Office mode: the saved connection, without its password. */
  connection: { host: string; port: number; database: string; user: string; tls: boolean; since: string | null } | null;
  /** The data folder's own ledger file (what 改回本机台账 opens). */
  localFile: string;
  /** Whether the program is signed in on the shared ledger. */
  signedIn: boolean;
}

export interface OfficeCopyDto {
  /** Rows per table copied, and what the clerk cares about. */
  counts: { batches: number; findings: number; measures: number; progress: number; evidence: number; auditLog: number };
  /** Tables checked (count and checksum equal on both sides). */
  tablesChecked: number;
  /** Evidence files: copied with the rows, or what still has to be done. */
  evidenceNote: string | null;
  status: OfficeStatusDto;
}

export interface OfficeExportDto {
  folder: string;
  file: string;
  counts: OfficeCopyDto['counts'];
  tablesChecked: number;
  evidenceNote: string | null;
}

export const officeChannels = {
  'office:status': channel<OfficeStatusDto>()(z.object({})),
  'office:test-connection': channel<OfficeProbeDto>()(officeConnectionInput),
  /** Copy this PC's ledger to an empty shared database, then (connect: true) switch to it. */
  'office:migrate-to-server': channel<OfficeCopyDto>()(officeConnectionInput.extend({ connect: z.boolean().default(true) })),
  /** Switch to an existing shared ledger; createEmpty makes a new one in an empty database. */
  'office:connect': channel<OfficeStatusDto>()(officeConnectionInput.extend({ createEmpty: z.boolean().default(false) })),
  /** Back to this PC's own ledger file (the shared ledger stays on the server). */
  'office:disconnect': channel<OfficeStatusDto>()(z.object({})),
  /** The shared ledger copied into a new data folder on this PC, openable as a single-PC ledger. */
  'office:export-to-local': channel<OfficeExportDto>()(
    z.object({ folder: z.string({ error: '请填写保存的文件夹' }).trim().min(1, { message: '请填写保存的文件夹' }).max(500, { message: '文件夹路径太长' }) }),
  ),
  /** Changes whenever anything was committed, by anyone: screens poll it to show others' changes. */
  'ledger:revision': channel<{ stamp: string }>()(z.object({})),
};
