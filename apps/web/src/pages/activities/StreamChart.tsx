/**
 * One line chart of a stream, drawn by uPlot (a canvas chart library of about 20 kB gzipped,
 * loaded with its CSS only when an activity page draws a chart, so the first load does not
 * carry it). The canvas is decoration for a screen reader: the figure's caption and the
 * numbers under it (lowest, highest, average) are its text alternative. Where the browser
 * cannot draw on a canvas (happy-dom in the component tests), the text stands alone.
 */
import { useEffect, useId, useRef } from 'react';
import type uPlot from 'uplot';

export interface ChartSeries {
  /** The x values: kilometres from the start, or minutes without a distance stream. */
  x: number[];
  xLabel: string;
  y: Array<number | null>;
  /** How a y value is written on the axis and in the summary (`5:30 /km`, `152 bpm`). */
  format: (value: number) => string;
  /**
   * Lower is better (pace): the axis runs downwards so a faster stretch is higher, the
   * summary says fastest and slowest, and the axis spans the typical values (a stop's pace
   * of 30 min/km would flatten the rest of the run into a line; the summary still names it).
   */
  invert?: boolean;
  color: string;
}

/** The 2nd to the 98th percentile of the recorded values, with a margin. */
export function typicalRange(values: ReadonlyArray<number | null>): [number, number] | undefined {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const low = sorted[Math.floor(0.02 * (sorted.length - 1))]!;
  const high = sorted[Math.ceil(0.98 * (sorted.length - 1))]!;
  const margin = (high - low) * 0.15 || 5;
  return [Math.max(0, low - margin), high + margin];
}

const HEIGHT = 200;

const canDraw = (): boolean => document.createElement('canvas').getContext('2d') !== null;

/** Lowest, highest and average of the recorded values, in words. */
export function streamSummary(values: ReadonlyArray<number | null>, format: (value: number) => string, invert = false): string {
  const recorded = values.filter((value): value is number => value !== null);
  if (recorded.length === 0) return 'Nothing recorded.';
  const average = recorded.reduce((sum, value) => sum + value, 0) / recorded.length;
  const [low, high] = invert ? ['Fastest', 'slowest'] : ['Lowest', 'highest'];
  return `${low} ${format(Math.min(...recorded))}, ${high} ${format(Math.max(...recorded))}, average ${format(average)}.`;
}

export function StreamChart({ title, series }: { title: string; series: ChartSeries }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || !canDraw()) return;
    let chart: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled) return;
      const axis = { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } };
      chart = new UPlot(
        {
          width: element.clientWidth,
          height: HEIGHT,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false }, y: series.invert ? { dir: -1, range: typicalRange(series.y) ?? [0, 1] } : {} },
          axes: [
            { ...axis, label: series.xLabel },
            { ...axis, size: 84, values: (_chart, ticks) => ticks.map((tick) => series.format(tick)) },
          ],
          series: [{}, { stroke: series.color, width: 2, spanGaps: true }],
        },
        [series.x, series.y],
        element,
      );
      observer = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height: HEIGHT }));
      observer.observe(element);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [series]);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{title}</strong>
      </figcaption>
      <div ref={box} className="chart-canvas" aria-hidden="true" />
      <p className="muted">{streamSummary(series.y, series.format, series.invert)}</p>
    </figure>
  );
}
