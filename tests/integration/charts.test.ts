import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderChart, type ChartSpec } from '../../shared/core/charts/index.ts';

/**
 * Charts drawn in Node for the Word report: Chinese labels render as glyphs (not empty boxes),
 * the PNG is the size asked for at the pixel ratio, and the SVG carries its figures for a
 * screen reader and patterns for colour-blind readers.
 */

interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** A PNG reader for 8-bit RGB/RGBA non-interlaced images (what resvg writes): enough to look at pixels. */
function readPng(bytes: Uint8Array): Pixels {
  const buf = Buffer.from(bytes);
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8], 'bit depth').toBe(8);
      colorType = data[9];
      expect(data[12], 'interlace').toBe(0);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  expect(channels, `colour type ${colorType}`).toBeGreaterThan(0);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 4; k++) out[(y * width + x) * 4 + k] = k < channels ? line[x * channels + k] : 255;
    }
    prev = line;
  }
  return { width, height, rgba: out };
}

/** Pixels in a box that are not (near) white. */
function inkIn(p: Pixels, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const i = (y * p.width + x) * 4;
    if (p.rgba[i] < 200 || p.rgba[i + 1] < 200 || p.rgba[i + 2] < 200) n++;
  }
  return n;
}

function boxPixels(p: Pixels, x0: number, y0: number, x1: number, y1: number): string {
  const rows: string[] = [];
  for (let y = y0; y < y1; y++) rows.push(Buffer.from(p.rgba.subarray((y * p.width + x0) * 4, (y * p.width + x1) * 4)).toString('hex'));
  return rows.join('');
}

const byUnit: ChartSpec = {
  kind: 'bar',
  title: '各责任单位整改措施',
  categories: ['青山县扶贫开发办公室', '青山县财政局', '青山县农业农村局'],
  series: [
    { name: '已销号', values: [12, 5, 8] },
    { name: '未销号', values: [4, 7, 2] },
  ],
};

describe('renderChart', () => {
  it('draws a PNG of the asked size (twice the pixels for print) with its Chinese title in glyphs', async () => {
    const png = await renderChart(byUnit, { width: 640, height: 360, format: 'png' });
    expect(png).toBeInstanceOf(Uint8Array);
    const p = readPng(png);
    expect([p.width, p.height]).toEqual([1280, 720]);
    // Bars and labels: a good share of the picture is ink, and more than two colours are used.
    const ink = inkIn(p, 0, 0, p.width, p.height);
    expect(ink).toBeGreaterThan(p.width * p.height * 0.05);
    const colours = new Set<number>();
    for (let i = 0; i < p.rgba.length; i += 4 * 97) colours.add((p.rgba[i] << 16) | (p.rgba[i + 1] << 8) | p.rgba[i + 2]);
    expect(colours.size).toBeGreaterThan(10);
    // The title band has ink …
    expect(inkIn(p, 0, 0, p.width, 70)).toBeGreaterThan(500);
    // … and different Chinese words draw different pixels there: a missing font draws the same
    // empty box for every character, so two titles of the same length would look alike.
    const other = readPng(await renderChart({ ...byUnit, title: '按党派统计销号情况' }, { width: 640, height: 360, format: 'png' }));
    const same = readPng(await renderChart({ ...byUnit, title: '各责任单位整改措施' }, { width: 640, height: 360, format: 'png' }));
    expect(boxPixels(same, 0, 0, 1280, 70)).toBe(boxPixels(p, 0, 0, 1280, 70));
    expect(boxPixels(other, 0, 0, 1280, 70)).not.toBe(boxPixels(p, 0, 0, 1280, 70));
  });

  it('draws an SVG with its figures for screen readers and patterns for colour-blind readers', async () => {
    const svg = await renderChart(byUnit, { width: 640, height: 360, format: 'svg' });
    expect(typeof svg).toBe('string');
    expect(svg).toMatch(/^<svg[^>]* width="640" height="360"/);
    expect(svg).toMatch(/<svg[^>]* role="img" aria-label="各责任单位整改措施。已销号：青山县扶贫开发办公室 12，青山县财政局 5/);
    expect(svg).toContain('<title>各责任单位整改措施。');
    expect(svg).toContain('>已销号<');
    expect(svg).toContain('>青山县财政局<');
    expect(svg).toMatch(/<pattern /);
  });

  it('draws pie and line charts, and escapes names in the description', async () => {
    const pie = await renderChart({ kind: 'pie', title: '按预警 <红&黄>', categories: ['红', '黄', '绿'], series: [{ name: '措施', values: [5, 10, 30] }] }, { width: 400, height: 300, format: 'svg' });
    expect(pie).toContain('aria-label="按预警 &lt;红&amp;黄&gt;。红 5，黄 10，绿 30。"');
    const line = readPng(await renderChart({ kind: 'line', title: '逾期趋势', categories: ['1月', '2月', '3月'], series: [{ name: '逾期', values: [3, 5, 2] }] }, { width: 300, height: 200, format: 'png', pixelRatio: 1 }));
    expect([line.width, line.height]).toEqual([300, 200]);
  });

  it('refuses a chart with no size', async () => {
    await expect(renderChart(byUnit, { width: 0, height: 300, format: 'svg' })).rejects.toThrow('图表的宽度和高度必须大于 0');
  });
});
