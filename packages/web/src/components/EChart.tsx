import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  ScatterChart,
  LineChart,
  BarChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomComponent,
  AriaComponent,
  CanvasRenderer,
]);

/** An ECharts chart that follows its options and its container's size. */
export function EChart(props: {
  option: echarts.EChartsCoreOption;
  height: number;
  label: string;
  onPointClick?: (data: unknown, seriesName: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(props.onPointClick);
  click.current = props.onPointClick;

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.(params.data, params.seriesName ?? ''));
    // A resize can be queued just before the chart is disposed; skip it then.
    const observer = new ResizeObserver(() => {
      if (!instance.isDisposed()) instance.resize();
    });
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (instance && !instance.isDisposed()) instance.setOption({ aria: { enabled: true }, ...props.option }, true);
  }, [props.option]);

  return <div ref={ref} className="chart" style={{ height: props.height }} role="img" aria-label={props.label} />;
}
