// A bar chart in plain SVG: no library, nothing inline for the CSP to refuse, and a table beside it
// carries the same numbers for screen readers.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  children.forEach((c) => el.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return el;
}

export function barChart(points, label) {
  const width = 640; const height = 220; const left = 48; const bottom = 28; const top = 10;
  const max = Math.max(1, ...points.map((p) => p.quantity));
  const step = (width - left) / Math.max(1, points.length);
  const bars = points.map((p, i) => {
    const barHeight = ((height - bottom - top) * p.quantity) / max;
    return svg('rect', { x: left + i * step + step * 0.15, y: height - bottom - barHeight, width: Math.max(1, step * 0.7),
      height: barHeight, class: 'bar' }, svg('title', {}, p.start + ': ' + p.quantity));
  });
  const every = Math.ceil(points.length / 6);
  const ticks = points.map((p, i) => (i % every === 0
    ? svg('text', { x: left + i * step, y: height - 8, class: 'tick' }, p.start) : null)).filter(Boolean);
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
      svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }),
      svg('text', { x: 4, y: top + 10, class: 'tick' }, String(max)),
      svg('text', { x: 4, y: height - bottom, class: 'tick' }, '0'),
      ...bars, ...ticks),
    h('figcaption', {}, label));
}
