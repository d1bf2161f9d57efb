import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { seedSynthetic } from '../../core/sample/synthetic.ts';

export const seedCommand: CliCommand = {
  summary: '生成模拟台账数据（测试与性能测量用）',
  usage: 'seed --findings N [--seed S] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { findings: { type: 'string' }, seed: { type: 'string' } });
    const findings = Number(values.findings ?? 1000);
    if (!Number.isInteger(findings) || findings < 1 || findings > 1_000_000) {
      console.error('--findings 应为 1 到 1000000 之间的整数');
      return 2;
    }
    const started = performance.now();
    const result = await withCore(values['data-dir'], (core) => seedSynthetic(core, { findings, seed: values.seed ? Number(values.seed) : undefined }));
    console.log(
      `已生成：${result.batches} 个批次，${result.findings} 个问题，${result.measures} 项措施，${result.progress} 条进展，${result.units} 个单位（${Math.round(performance.now() - started)} ms）`,
    );
    return 0;
  },
};
