import { describe, expect, it } from 'vitest';
import { channelsArg, readChannelsArg } from '../../electron/ipc-names.ts';
import { safeFileName, saveFilters } from '../../electron/file-names.ts';
import { CHANNEL_NAMES } from '../../shared/contract/index.ts';

describe('file names the renderer suggests', () => {
  it('keeps Chinese names and drops folders and reserved characters', () => {
    expect(safeFileName('整改台账（2026年11月）.xlsx')).toBe('整改台账（2026年11月）.xlsx');
    expect(safeFileName('..\\..\\Windows\\system32\\evil.docx')).toBe('evil.docx');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('督办<2026>:3号?.docx')).toBe('督办_2026__3号_.docx');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('报告. ')).toBe('报告');
    expect(safeFileName('')).toBe('文件');
    expect(safeFileName('..')).toBe('文件');
    const long = safeFileName(`${'很长的名字'.repeat(60)}.docx`);
    expect(long.length).toBeLessThanOrEqual(180);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('offers the file’s own type first in the save dialog', () => {
    expect(saveFilters('台账.xlsx')[0]).toEqual({ name: 'Excel 工作簿', extensions: ['xlsx'] });
    expect(saveFilters('无扩展名')).toEqual([{ name: '所有文件', extensions: ['*'] }]);
  });
});

describe('channel list handed to the preload', () => {
  it('round-trips every contract channel through the renderer’s argv', () => {
    const argv = ['/path/electron', '--type=renderer', channelsArg(CHANNEL_NAMES)];
    expect(readChannelsArg(argv)).toEqual(CHANNEL_NAMES);
    expect(readChannelsArg(['--type=renderer'])).toEqual([]);
  });
});
