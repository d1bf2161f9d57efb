import { Resvg } from '@resvg/resvg-js';

/**
 * SVG → PNG with resvg, using the system fonts so Chinese labels draw: 微软雅黑 / 宋体 on
 * Windows, Noto CJK on Linux. The chart's font-family list names both; resvg takes the first
 * one installed, and the default family is a fallback for any text that names none.
 */
export function rasterise(svg: string, width: number, pixelRatio: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * pixelRatio) },
    background: '#ffffff',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: process.platform === 'win32' ? 'Microsoft YaHei' : 'Noto Sans CJK SC',
      sansSerifFamily: process.platform === 'win32' ? 'Microsoft YaHei' : 'Noto Sans CJK SC',
    },
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
