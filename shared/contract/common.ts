import { z } from 'zod';
import { isIsoDate } from '../domain/dates.ts';
import { xmlSafe } from '../domain/xml-text.ts';

export const id = z.number({ error: '缺少编号' }).int().positive();
export const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 年-月-日，例如 2026-06-30' });
// Characters XML cannot hold are dropped as text comes in: one would break every Word/Excel export.
const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).overwrite(xmlSafe).trim().min(1, { message: `请填写${label}` }).max(max, { message: `${label}不能超过 ${max} 个字` });
export const requiredText = text;
export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .overwrite(xmlSafe)
    .trim()
    .max(max, { message: `${label}不能超过 ${max} 个字` })
    .nullish()
    .transform((v) => (v ? v : null));

/** A file chosen by the clerk, sent as base64 (IPC and HTTP alike). 50 MB at most. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const uploadedFile = z.object({
  name: z.string().overwrite(xmlSafe).trim().min(1, { message: '文件名为空' }).max(255, { message: '文件名过长' }),
  base64: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, { message: '文件超过 50 MB，无法上传' }),
});
export type UploadedFile = z.infer<typeof uploadedFile>;

/** A file the core produced, for the renderer to save (Electron: save dialog; browser: download). */
export interface FileOut {
  fileName: string;
  base64: string;
  mime: string;
}
