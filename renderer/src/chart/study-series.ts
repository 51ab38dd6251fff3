// Indicator ("study") series on the candle chart: overlays on the price pane, every other study in a pane of its own
// under the vote strip. Values come from the engine (indicators.series), bar for bar with the candles.
import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import type { IndicatorSeriesReply } from '../../../shared/indicators-contract';

export interface StudyLine {
  id: string;
  /** Shown on the price scale, e.g. "RSI(14)". */
  label: string;
  reply: IndicatorSeriesReply;
}

/** Reference levels drawn in an oscillator's pane. */
const LEVELS: Record<string, number[]> = { rsi: [30, 70], stoch: [20, 80], willr: [-80, -20], cci: [-100, 100] };
/** The second colour of a two-line study (signal, %D, −DI); band edges are dashed in the study's colour. */
const SECOND = new Set(['signal', 'd', 'minusDI']);
const BAND_EDGE = new Set(['upper', 'lower']);

/** The study palette from the stylesheet (--study-1 … --study-6, per theme). */
export function studyPalette(): string[] {
  const css = getComputedStyle(document.documentElement);
  const colours = [1, 2, 3, 4, 5, 6].map((i) => css.getPropertyValue(`--study-${i}`).trim()).filter(Boolean);
  return colours.length > 0 ? colours : ['#e5a50a', '#78aeed', '#c061cb', '#2ec27e', '#f66151', '#9a9996'];
}

type StudySeries = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;

/**
 * Adds every study's series (replacing none: the caller removes the previous ones first) and returns them with the
 * number of panes used. Pane 0 is the price, pane 1 the vote strip; studies in panes take 2, 3, … in order.
 */
export function addStudies(chart: IChartApi, studies: readonly StudyLine[], palette: readonly string[]): StudySeries[] {
  const added: StudySeries[] = [];
  let pane = 2;
  studies.forEach((study, k) => {
    const colour = palette[k % palette.length];
    const second = palette[(k + 1) % palette.length];
    const onPane = study.reply.kind === 'overlay' ? 0 : pane++;
    const time = study.reply.time;
    study.reply.outputs.forEach((out, j) => {
      const common = { title: j === 0 ? study.label : '', priceLineVisible: false, lastValueVisible: j === 0 };
      const points: { time: UTCTimestamp; value: number }[] = [];
      for (let i = 0; i < time.length; i++) if (!Number.isNaN(out.values[i])) points.push({ time: (time[i] / 1000) as UTCTimestamp, value: out.values[i] });
      let series: StudySeries;
      if (out.name === 'hist') {
        series = chart.addSeries(HistogramSeries, { ...common, color: `${second}88` }, onPane);
      } else {
        series = chart.addSeries(LineSeries, {
          ...common,
          color: SECOND.has(out.name) ? second : out.name === 'plusDI' ? palette[(k + 2) % palette.length] : colour,
          lineWidth: BAND_EDGE.has(out.name) ? 1 : 2,
          lineStyle: BAND_EDGE.has(out.name) ? LineStyle.Dashed : LineStyle.Solid,
          crosshairMarkerVisible: false,
        }, onPane);
        if (j === 0) for (const level of LEVELS[study.reply.name] ?? []) series.createPriceLine({ price: level, color: palette[5 % palette.length], lineWidth: 1, lineStyle: LineStyle.Dotted, axisLabelVisible: false, title: '' });
      }
      series.setData(points);
      added.push(series);
    });
  });
  return added;
}
