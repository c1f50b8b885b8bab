/** A line chart as a self-contained SVG, written by hand (no dependency). */

export interface PlotSeries {
  readonly label: string;
  readonly points: Array<{ readonly x: number; readonly y: number }>;
}

export interface PlotOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
}

const WIDTH = 880;
const HEIGHT = 460;
const MARGIN = { left: 70, right: 340, top: 50, bottom: 60 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** "Nice" tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) {
    ticks.push(Number(t.toPrecision(12)));
    if (t >= max) break;
  }
  return ticks;
}

/** One chart of a figure. */
export interface PlotPanel {
  readonly title: string;
  readonly series: PlotSeries[];
}

/** Renders the series on linear axes from 0: axes, ticks, grid, a line and points per series, a legend. */
export function renderLinePlot(series: PlotSeries[], options: PlotOptions): string {
  return renderPanels([{ title: options.title, series }], options);
}

/** Renders charts one above the other in one SVG, each with its own y axis and legend; colors follow the series label. */
export function renderPanels(panels: PlotPanel[], options: Omit<PlotOptions, 'title'>): string {
  const labels = [...new Set(panels.flatMap(p => p.series.map(s => s.label)))];
  const colorOf = (label: string) => COLORS[labels.indexOf(label) % COLORS.length];
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT * panels.length}" ` +
    `viewBox="0 0 ${WIDTH} ${HEIGHT * panels.length}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${WIDTH}" height="${HEIGHT * panels.length}" fill="#ffffff"/>`);
  panels.forEach((panel, i) => out.push(...renderPanel(panel, options, i * HEIGHT, colorOf)));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function renderPanel(panel: PlotPanel, options: Omit<PlotOptions, 'title'>, top: number, colorOf: (label: string) => string): string[] {
  const all = panel.series.flatMap(s => s.points);
  const xTicks = niceTicks(Math.max(1, ...all.map(p => p.x)), 4);
  const yTicks = niceTicks(Math.max(0, ...all.map(p => p.y)));
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y0 = top + MARGIN.top;
  const sx = (x: number) => round(MARGIN.left + (x / xMax) * plotW);
  const sy = (y: number) => round(y0 + plotH - (y / yMax) * plotH);

  const out: string[] = [];
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${top + 24}" text-anchor="middle" font-size="15" font-weight="bold">${escape(panel.title)}</text>`);
  for (const t of yTicks) {
    out.push(`<line x1="${MARGIN.left}" y1="${sy(t)}" x2="${MARGIN.left + plotW}" y2="${sy(t)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${sy(t) + 4}" text-anchor="end">${t}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<line x1="${sx(t)}" y1="${y0}" x2="${sx(t)}" y2="${y0 + plotH}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${sx(t)}" y="${y0 + plotH + 18}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" y1="${y0 + plotH}" x2="${MARGIN.left + plotW}" y2="${y0 + plotH}" stroke="#000000"/>`);
  out.push(`<line x1="${MARGIN.left}" y1="${y0}" x2="${MARGIN.left}" y2="${y0 + plotH}" stroke="#000000"/>`);
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${top + HEIGHT - 18}" text-anchor="middle">${escape(options.xLabel)}</text>`);
  out.push(`<text x="18" y="${y0 + plotH / 2}" text-anchor="middle" transform="rotate(-90 18 ${y0 + plotH / 2})">${escape(options.yLabel)}</text>`);

  panel.series.forEach((s, i) => {
    const color = colorOf(s.label);
    const points = [...s.points].sort((a, b) => a.x - b.x);
    if (points.length > 1) {
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(p => `${sx(p.x)},${sy(p.y)}`).join(' ')}"/>`);
    }
    for (const p of points) {
      out.push(`<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="4" fill="${color}"><title>${escape(s.label)}: ${p.x}, ${p.y}</title></circle>`);
    }
    const ly = y0 + 10 + i * 22;
    const lx = MARGIN.left + plotW + 20;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<circle cx="${lx + 12}" cy="${ly}" r="4" fill="${color}"/>`);
    out.push(`<text x="${lx + 32}" y="${ly + 4}">${escape(s.label)}</text>`);
  });
  return out;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
