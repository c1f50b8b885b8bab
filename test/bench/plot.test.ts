import { niceTicks, renderLinePlot, renderPanels } from '../../bench/plot';
import { median } from '../../bench/stats';

describe('plot', () => {
  test('ticks are round numbers from 0 to at least the maximum', () => {
    expect(niceTicks(64, 4)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(13.8)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  test('an SVG with axes, a line and points per series, labels and a legend', () => {
    const svg = renderLinePlot([
      { label: 'validation off', points: [{ x: 1, y: 0.6 }, { x: 4, y: 0.8 }, { x: 64, y: 6 }] },
      { label: 'validation on & <packs>', points: [{ x: 4, y: 3 }] },
    ], { title: 'Synth time', xLabel: 'baselines', yLabel: 'seconds' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    // Four points, and one marker per series in the legend.
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toContain('>validation on &amp; &lt;packs&gt;</text>');
    expect(svg).toContain('>baselines</text>');
    expect(svg).toContain('>seconds</text>');
    expect(svg).toContain('>Synth time</text>');
  });
});

describe('median', () => {
  test('the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of an empty list');
  });
});

describe('panels', () => {
  test('one chart per panel, one above the other, a series keeps its color', () => {
    const a = { label: 'a', points: [{ x: 1, y: 1 }, { x: 64, y: 5 }] };
    const b = { label: 'b', points: [{ x: 1, y: 4 }, { x: 64, y: 100 }] };
    const svg = renderPanels([{ title: 'Fast', series: [a] }, { title: 'Slow', series: [a, b] }], { xLabel: 'x', yLabel: 'y' });
    expect(svg).toContain('width="880" height="920"');
    expect(svg.match(/<polyline [^>]*stroke="(#[0-9a-f]+)"/g)).toEqual([
      expect.stringContaining('stroke="#1f77b4"'), expect.stringContaining('stroke="#1f77b4"'), expect.stringContaining('stroke="#d62728"'),
    ]);
    expect(svg).toContain('>Fast</text>');
    expect(svg).toContain('>Slow</text>');
  });
});
