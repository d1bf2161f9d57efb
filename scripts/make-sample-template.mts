/**
 * Writes resources/templates/整改情况报告-示例模板.docx, the sample office template (issue 9), from
 * the same function the 报表 page's 「下载示例模板」 uses: `npx tsx scripts/make-sample-template.mts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleTemplate } from '../shared/core/reports/template/sample.ts';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'templates', '整改情况报告-示例模板.docx');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, await sampleTemplate());
console.log(`已写入 ${target}`);
